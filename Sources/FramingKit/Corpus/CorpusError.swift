/// A corpus record that cannot be read. One line: `where: what; what to do`, with a stable code.
public enum CorpusError: Error, Equatable, CustomStringConvertible, Sendable {
  case malformedJSONL(file: String, line: Int, reason: String)
  case malformedCSV(file: String, row: Int, reason: String)
  case missingText(file: String, line: Int, field: String)
  case unsupportedFile(file: String)
  case text(TextError, line: Int?)

  public var code: String {
    switch self {
    case .malformedJSONL: "malformed-jsonl"
    case .malformedCSV: "malformed-csv"
    case .missingText: "missing-text"
    case .unsupportedFile: "unsupported-file"
    case .text(let error, _): error.code
    }
  }

  public var file: String {
    switch self {
    case .malformedJSONL(let file, _, _), .malformedCSV(let file, _, _), .missingText(let file, _, _), .unsupportedFile(let file): file
    case .text(let error, _):
      switch error {
      case .empty(let file), .binary(let file), .tooLarge(let file, _, _), .undecodable(let file, _), .unknownEncoding(let file, _),
           .unreadable(let file, _): file
      }
    }
  }

  public var line: Int? {
    switch self {
    case .malformedJSONL(_, let line, _), .missingText(_, let line, _): line
    case .malformedCSV(_, let row, _): row
    case .unsupportedFile: nil
    case .text(_, let line): line
    }
  }

  public var description: String {
    switch self {
    case .malformedJSONL(let file, let line, let reason):
      "\(file):\(line): not valid JSON (\(reason)); the line is skipped, the others are read"
    case .malformedCSV(let file, let row, let reason):
      "\(file):\(row): malformed CSV row (\(reason)); the row is skipped, the others are read"
    case .missingText(let file, let line, let field):
      "\(file):\(line): the record has no '\(field)' (or 'html') field with text; give every record its article text"
    case .unsupportedFile(let file):
      "\(file): not an article file; use .txt, .md, .html, .htm, .json, .jsonl or .csv"
    case .text(let error, let line):
      line.map { "\(error.file):\($0): " + error.description.dropPrefix(error.file + ": ") } ?? error.description
    }
  }
}

extension TextError {
  /// The file the error names.
  public var file: String { CorpusError.text(self, line: nil).file }
}

extension String {
  func dropPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}
