/// Half-open range of Unicode scalar (code point) offsets into the normalized text, so that
/// Python's `text[start:end]` returns the span.
public struct TextSpan: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
  public let start: Int
  public let end: Int

  public init(start: Int, end: Int) {
    precondition(start <= end, "span start after end")
    self.start = start
    self.end = end
  }

  public var length: Int { end - start }
  public var isEmpty: Bool { start == end }

  public func contains(_ other: TextSpan) -> Bool { start <= other.start && other.end <= end }
  public func overlaps(_ other: TextSpan) -> Bool { start < other.end && other.start < end }

  public static func < (lhs: TextSpan, rhs: TextSpan) -> Bool {
    lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
  }

  public var description: String { "\(start)..<\(end)" }
}
