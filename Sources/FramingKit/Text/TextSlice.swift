/// A piece of text that is usually a span of a document: then it is kept as the document's UTF-16
/// units and a range, and made into a String only when read as one. A profile carries the text of
/// every sentence and finding, and its JSON is written straight from the units: making each piece a
/// String first (transcoding, validating, allocating, freeing) cost more than writing it.
public struct TextSlice: Sendable, Hashable, Codable, CustomStringConvertible {
  private enum Storage: Sendable {
    case string(String)
    case units([UInt16], start: Int32, end: Int32)
  }

  private let storage: Storage

  public init(_ string: String) { storage = .string(string) }

  /// The units `start..<end` of `units` (which the slice shares, without copying).
  init(units: [UInt16], start: Int, end: Int) {
    precondition(0 <= start && start <= end && end <= units.count, "text slice out of its units")
    storage = .units(units, start: Int32(start), end: Int32(end))
  }

  public var string: String {
    switch storage {
    case .string(let string): string
    case .units(let units, let start, let end):
      units.withUnsafeBufferPointer { Document.string(fromUTF16: UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(end)])) }
    }
  }

  public var description: String { string }

  /// The UTF-8 length of a string; for units, two bytes each (most text that is not ASCII is Latin
  /// with diacritics, Greek or Cyrillic), which is enough for sizing output.
  var estimatedUTF8Count: Int {
    switch storage {
    case .string(let string): string.utf8.count
    case .units(_, let start, let end): 2 * Int(end - start)
    }
  }

  /// The document's units and the slice's range in them, or nil for a slice made from a String.
  var documentUnits: (units: [UInt16], start: Int, end: Int)? {
    switch storage {
    case .string: nil
    case .units(let units, let start, let end): (units, Int(start), Int(end))
    }
  }

  /// In JSON, a slice is its text.
  public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(string)
  }

  public static func == (lhs: TextSlice, rhs: TextSlice) -> Bool { lhs.string == rhs.string }

  public func hash(into hasher: inout Hasher) { hasher.combine(string) }
}
