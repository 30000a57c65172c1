import ArgumentParser
import Foundation
import FramingKit

extension Framing {
  struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Score articles and print one framing profile (JSON) per article.")

    @Argument(help: "Article files to analyze; '-' reads one article from standard input.")
    var files: [String] = []

    @Flag(help: "Indent the JSON for reading.")
    var pretty = false

    @Flag(help: "Embed the normalized text in each profile, so spans can be checked without the source file.")
    var includeText = false

    @Flag(help: "Print only the text layer (language, boilerplate, paragraphs, sentences, quotations).")
    var textLayer = false

    @Flag(help: "Read the inputs (or '-' for standard input) as JSONL articles and print one profile per line, an error record for a bad line.")
    var jsonl = false

    @Option(help: "Output formats, comma-separated: json, markdown.")
    var format: String = "json"

    @Option(help: "Write <id>.json and/or <id>.md per article into this folder instead of printing.")
    var out: String?

    @OptionGroup var metadataOptions: MetadataOptions

    @OptionGroup var input: InputOptions
    @OptionGroup var lexiconOptions: LexiconOptions

    var formats: [String] { format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    func validate() throws {
      if files.isEmpty { throw ValidationError("no input; pass one or more article files, or '-' for standard input") }
      for name in formats where name != "json" && name != "markdown" {
        throw ValidationError("'--format \(name)' is not an output format; use json, markdown or json,markdown")
      }
      if formats.count > 1 && out == nil { throw ValidationError("'--format \(format)' needs '--out DIR' to write one file per format") }
    }

    func run() throws {
      let lexicons = try lexiconOptions.load()
      if jsonl { return try runJSONL(lexicons) }
      let pipeline = Pipeline(lexicons: lexicons)
      pipeline.includeText = includeText
      var failed = 0
      let known = try metadataOptions.load()
      for path in files {
        do {
          let document = try ArticleSource(path: path).read(decoder: input.decoder, metadata: known?.metadata(for: path) ?? ArticleMetadata())
          for warning in document.warnings { Console.warn(warning) }
          if textLayer {
            print(JSONOutput.encode(TextLayerReport(pipeline.segmenter.segment(document, language: input.language)), pretty: pretty))
            continue
          }
          let profile = pipeline.profile(document, language: input.language)
          if let out {
            let name = AtomicFile.safeName(for: profile.article.id)
            let folder = URL(fileURLWithPath: out)
            if formats.contains("json") {
              try AtomicFile.write(JSONOutput.encode(profile, pretty: true) + "\n", to: folder.appendingPathComponent(name + ".json"))
            }
            if formats.contains("markdown") {
              try AtomicFile.write(MarkdownRenderer().render(profile), to: folder.appendingPathComponent(name + ".md"))
            }
          } else if formats == ["markdown"] {
            print(MarkdownRenderer().render(profile))
          } else {
            print(JSONOutput.encode(profile, pretty: pretty))
          }
        } catch let error as TextError {
          Console.error(error.description)
          failed += 1
        } catch {
          Console.error("\(path): cannot write the output (\(error.localizedDescription))")
          failed += 1
        }
      }
      if failed > 0 { throw ExitCode(1) }
    }
  }
}

extension Framing.Analyze {
  struct ErrorLine: Encodable {
    struct Details: Encodable {
      let code: String
      let file: String
      let line: Int?
      let message: String
    }

    let error: Details
  }

  /// JSONL in, JSONL out: one line per input record, so the output lines up with the input for
  /// xargs, GNU parallel or Spark's RDD.pipe.
  func runJSONL(_ lexicons: LexiconSet) throws {
    let pipeline = Pipeline(lexicons: lexicons)
    pipeline.includeText = includeText
    let loader = ArticleLoader(decoder: input.decoder)
    var failed = 0
    for item in CorpusReader(inputs: files.map { $0 == "-" ? "-" : $0 }) {
      switch item.flatMap({ record in Result { try loader.document(record) }.mapError { $0 as! CorpusError } }) {
      case .success(let document):
        print(JSONOutput.encode(pipeline.profile(document, language: input.language)))
      case .failure(let error):
        failed += 1
        Console.error(error.description)
        print(JSONOutput.encode(ErrorLine(error: .init(code: error.code, file: error.file, line: error.line, message: error.description))))
      }
    }
    if failed > 0 { throw ExitCode(1) }
  }
}

/// Messages to standard error, one line each.
enum Console {
  static func error(_ message: String) { FileHandle.standardError.write(Data("error: \(message)\n".utf8)) }
  static func warn(_ message: String) { FileHandle.standardError.write(Data("warning: \(message)\n".utf8)) }
}
