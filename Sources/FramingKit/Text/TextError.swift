/// Why an input could not become a document. Each message is one line: `where: what; what to do`.
public enum TextError: Error, Equatable, CustomStringConvertible, Sendable {
  case empty(file: String)
  case binary(file: String)
  case tooLarge(file: String, bytes: Int, limit: Int)
  case undecodable(file: String, reason: String)
  case unknownEncoding(file: String, name: String)
  case unreadable(file: String, reason: String)

  /// Stable kebab-case code for machine-readable error records.
  public var code: String {
    switch self {
    case .empty: "empty-input"
    case .binary: "binary-input"
    case .tooLarge: "input-too-large"
    case .undecodable: "undecodable-bytes"
    case .unknownEncoding: "unknown-encoding"
    case .unreadable: "unreadable-input"
    }
  }

  public var description: String {
    switch self {
    case .empty(let file):
      "\(file): no text (the input is empty or only whitespace); nothing to analyze"
    case .binary(let file):
      "\(file): binary data (NUL bytes or control characters), not text; pass a plain-text, HTML or JSONL file"
    case .tooLarge(let file, let bytes, let limit):
      "\(file): \(bytes) bytes is over the limit of \(limit) bytes; raise it with '--max-bytes' or split the file"
    case .undecodable(let file, let reason):
      "\(file): \(reason); force an encoding with '--encoding NAME'"
    case .unknownEncoding(let file, let name):
      "\(file): unknown encoding '\(name)'; use an ICU charset name such as UTF-8, windows-1250, ISO-8859-2, windows-1251, KOI8-R"
    case .unreadable(let file, let reason):
      "\(file): cannot be read (\(reason))"
    }
  }
}
