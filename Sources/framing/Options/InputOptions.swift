import ArgumentParser
import FramingKit

/// How input bytes are read.
struct InputOptions: ParsableArguments {
  @Option(help: "Read every input in this encoding (an ICU name such as windows-1250 or KOI8-R) instead of detecting it.")
  var encoding: String?

  @Option(help: "Treat every input as this language (pl, de, ru, en, uk, be) instead of identifying it.")
  var lang: String?

  @Option(help: "Refuse inputs larger than this many bytes.")
  var maxBytes: Int = 20_000_000

  var decoder: TextDecoder { TextDecoder(forcedEncoding: encoding, maxBytes: maxBytes) }

  var language: Language? { lang.flatMap(Language.init(rawValue:)) }

  func validate() throws {
    if let lang, Language(rawValue: lang) == nil || lang == "und" {
      throw ValidationError("'--lang \(lang)' is not a supported language; use one of: pl, de, ru, en, uk, be")
    }
    if maxBytes <= 0 { throw ValidationError("'--max-bytes' must be a positive number of bytes") }
  }
}
