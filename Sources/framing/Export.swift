import ArgumentParser
import Foundation
import FramingKit

extension Framing {
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export batch results for other tools.", subcommands: [Notebook.self])

    struct Notebook: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Write a Jupyter notebook with the tables of a batch run (pandas and matplotlib).")

      @Option(help: "The output folder of 'framing batch'.")
      var from: String

      @Option(help: "The folder to write framing.ipynb and data/ into.")
      var to: String

      func run() throws {
        do {
          try NotebookExporter.export(from: URL(fileURLWithPath: from), to: URL(fileURLWithPath: to))
        } catch let error as NotebookExporter.ExportError {
          Console.error(error.description)
          throw ExitCode(1)
        }
      }
    }
  }
}
