import ArgumentParser
import Foundation
import FramingKit

extension Framing {
  struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lexicon",
      abstract: "Check, list and explain the lexicons.",
      subcommands: [Check.self, List.self, Explain.self])

    struct Check: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Validate lexicons and report every problem as file:line:column.")

      @Argument(help: "A lexicon directory to check on top of the built-in lexicons; without it, the built-in ones are checked.")
      var directory: String?

      func run() throws {
        let options = try LexiconOptions.parse(directory.map { ["--lexicons", $0] } ?? [])
        let lexicons = try options.load()
        let entries = lexicons.files.reduce(0) { $0 + $1.entries.count }
        print("ok: \(lexicons.files.count) files, \(entries) entries, \(lexicons.entities.count) sources; lexicon hash \(lexicons.hash)")
      }
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "List lexicon files, or the entries of one kind.")

      @Option(help: "Only this language (pl, de, ru, en, uk, be).")
      var lang: String?

      @Option(help: "Print the entries of this kind (hedges, loaded, sources …).")
      var kind: String?

      @OptionGroup var lexiconOptions: LexiconOptions

      func validate() throws {
        if let lang, Language(rawValue: lang) == nil { throw ValidationError("'--lang \(lang)' is not a supported language; use one of: pl, de, ru, en, uk, be") }
        if let kind, LexiconKind(rawValue: kind) == nil {
          throw ValidationError("'--kind \(kind)' is not a lexicon kind; use one of: \(LexiconKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
      }

      func run() throws {
        let lexicons = try lexiconOptions.load()
        let language = lang.flatMap(Language.init(rawValue:))
        if kind == "sources" {
          for entity in lexicons.entities {
            let names = language.map { (entity.aliases[$0] ?? []).map(\.text) } ?? entity.aliases.values.flatMap { $0.map(\.text) }
            print("\(entity.id)\t\(entity.kind)\t\(entity.country)\t\(entity.stateAffiliated ? "state" : "-")\t\(names.joined(separator: ", "))")
          }
          return
        }
        for file in lexicons.files where language == nil || file.language == language {
          if let kind, file.kind.rawValue != kind { continue }
          if kind == nil {
            print("\(file.path)\t\(file.kind.rawValue)\t\(file.language?.rawValue ?? "all")\t\(file.entries.count) entries")
          } else {
            for entry in file.entries {
              print("\(file.language?.rawValue ?? "")\t\(entry.id)\t\(entry.category)\t\(entry.patterns.map(\.text).joined(separator: " | "))")
            }
          }
        }
        if kind == nil && language == nil { print("lexicons/sources.yaml\tsources\tall\t\(lexicons.entities.count) entities") }
      }
    }

    struct Explain: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Show which lexicon entries a word form can fire, and why.")

      @Argument(help: "A word form as it appears in text, e.g. Łukaszence.")
      var wordform: String

      @Option(help: "The language whose lexicons to search (pl, de, ru, en, uk, be).")
      var lang: String

      @OptionGroup var lexiconOptions: LexiconOptions

      func validate() throws {
        if Language(rawValue: lang) == nil || lang == "und" {
          throw ValidationError("'--lang \(lang)' is not a supported language; use one of: pl, de, ru, en, uk, be")
        }
      }

      func run() throws {
        let lexicons = try lexiconOptions.load()
        let (key, matches) = lexicons.explain(wordform, language: Language(rawValue: lang)!)
        print("'\(wordform)': folded key '\(key.folded)', Latin key '\(key.latin)', loose key '\(key.loose)'")
        if matches.isEmpty { print("no \(lang) lexicon entry matches this form") }
        for match in matches { print(match.description) }
      }
    }
  }
}
