import ArgumentParser
import Foundation
import FramingKit

extension Framing {
  struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Measure precision, recall and F1 against hand-annotated gold articles.")

    @Option(help: "A JSONL file of gold articles (id, language, text, boilerplate, sources, sentences, hedges, loaded).")
    var gold: String

    @Option(help: "Output format: markdown or json.")
    var format: String = "markdown"

    @Flag(help: "List every miss and false alarm with its sentence.")
    var errors = false

    @OptionGroup var lexiconOptions: LexiconOptions

    func validate() throws {
      if format != "markdown" && format != "json" { throw ValidationError("'--format \(format)' is not supported here; use markdown or json") }
    }

    func run() throws {
      let articles: [GoldArticle]
      do { articles = try GoldArticle.read(gold) } catch {
        Console.error(error.description)
        throw ExitCode(1)
      }
      var result = Evaluator(lexicons: try lexiconOptions.load()).evaluate(articles)
      if format == "json" {
        if !errors { result.mistakes = [] }
        print(JSONOutput.encode(result, pretty: true))
      } else {
        print(EvaluationRenderer().render(result, errors: errors), terminator: "")
      }
    }
  }
}
