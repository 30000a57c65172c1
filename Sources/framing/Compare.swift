import ArgumentParser
import Foundation
import FramingKit

extension Framing {
  struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Compare articles on the same story side by side, as Markdown.")

    @Argument(help: "Two or more articles (text files) or profiles (.json).")
    var inputs: [String]

    @Option(help: "Write the comparison to this file instead of printing it.")
    var output: String?

    @OptionGroup var metadataOptions: MetadataOptions

    @OptionGroup var input: InputOptions
    @OptionGroup var lexiconOptions: LexiconOptions

    func validate() throws {
      if inputs.count < 2 { throw ValidationError("compare needs at least two articles or profiles") }
    }

    func run() throws {
      var profiles: [Profile] = []
      var pipeline: Pipeline?
      let known = try metadataOptions.load()
      do {
        for path in inputs {
          if path.hasSuffix(".json") || path.hasSuffix(".jsonl") {
            profiles += try ProfileReader.read(path)
          } else {
            if pipeline == nil { pipeline = Pipeline(lexicons: try lexiconOptions.load()) }
            let document = try ArticleSource(path: path).read(decoder: input.decoder, metadata: known?.metadata(for: path) ?? ArticleMetadata())
            profiles.append(pipeline!.profile(document, language: input.language))
          }
        }
      } catch let error as TextError {
        Console.error(error.description)
        throw ExitCode(1)
      }
      let page = ComparisonRenderer().render(profiles)
      if let output { try AtomicFile.write(page, to: URL(fileURLWithPath: output)) } else { print(page, terminator: "") }
    }
  }
}
