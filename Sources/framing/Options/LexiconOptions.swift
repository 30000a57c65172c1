import ArgumentParser
import Foundation
import FramingKit

/// Where lexicons come from: the built-in ones plus any directories given.
struct LexiconOptions: ParsableArguments {
  @Option(name: .customLong("lexicons"), help: "A lexicon directory that adds to or overrides the built-in lexicons (repeatable).")
  var directories: [String] = []

  /// Loads the lexicons or exits with status 65 after printing every problem.
  func load() throws -> LexiconSet {
    do {
      let lexicons = try LexiconSet.load(directories: directories.map { URL(fileURLWithPath: $0) })
      LoadedLexicons.keptUntilExit.append(lexicons)
      return lexicons
    } catch {
      FileHandle.standardError.write(Data((error.description + "\n").utf8))
      throw ExitCode(65)
    }
  }
}

/// Lexicons live until the process ends: taking apart their hundreds of thousands of small objects
/// one by one just before exit would only add to every run's time.
enum LoadedLexicons {
  nonisolated(unsafe) static var keptUntilExit: [LexiconSet] = []
}
