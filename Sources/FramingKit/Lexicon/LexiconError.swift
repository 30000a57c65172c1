/// One problem in a lexicon file, located by line and column (as YAML marks count them).
public struct LexiconProblem: Hashable, Sendable, CustomStringConvertible {
  public let file: String
  public let line: Int
  public let column: Int
  public let message: String

  public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// A lexicon directory that cannot be used. Loading collects every problem of every file before
/// failing, so an author fixes them in one pass; each problem is one `file:line:column: reason` line.
public struct LexiconError: Error, Hashable, Sendable, CustomStringConvertible {
  public let problems: [LexiconProblem]

  public init(problems: [LexiconProblem]) { self.problems = problems }

  public init(file: String, line: Int = 1, column: Int = 1, _ message: String) {
    problems = [LexiconProblem(file: file, line: line, column: column, message: message)]
  }

  public var description: String { problems.map(\.description).joined(separator: "\n") }
}
