import Foundation

/// A decoded article: NFC text with line ends normalized to "\n", plus what is known about it.
/// Invariant: `utf16` and `text` hold the same characters, and `scalarOffset` maps every UTF-16
/// index (0...utf16.count) to its code-point offset, so spans can be reported in code points.
public struct Document: Sendable {
  public let id: String
  public let text: String
  public let utf16: [UInt16]
  public let scalarOffset: [Int32]
  /// The charset the bytes were read as ("UTF-8", "windows-1250" …).
  public let encoding: String
  public let metadata: ArticleMetadata
  /// Non-fatal problems met while decoding ("3 invalid byte sequences replaced with U+FFFD").
  public let warnings: [String]

  public init(id: String, normalizedUTF16 units: [UInt16], encoding: String = "UTF-8",
              metadata: ArticleMetadata = ArticleMetadata(), warnings: [String] = []) {
    self.id = id
    self.utf16 = units
    self.text = Self.string(fromUTF16: units)
    var offsets = [Int32](repeating: 0, count: units.count + 1)
    var scalar: Int32 = 0
    var index = 0
    while index < units.count {
      offsets[index] = scalar
      if UTF16.isLeadSurrogate(units[index]), index + 1 < units.count, UTF16.isTrailSurrogate(units[index + 1]) {
        offsets[index + 1] = scalar
        index += 2
      } else {
        index += 1
      }
      scalar += 1
    }
    offsets[units.count] = scalar
    self.scalarOffset = offsets
    self.encoding = encoding
    self.metadata = metadata
    self.warnings = warnings
  }

  /// Builds a document from text already in memory (normalizes it first).
  public init(id: String, text: String, metadata: ArticleMetadata = ArticleMetadata()) {
    self.init(id: id, normalizedUTF16: TextDecoder.normalize(Array(text.utf16)), metadata: metadata)
  }

  /// Transcodes to UTF-8 by hand straight into the string's storage, which is much faster than
  /// String's own UTF-16 path. Lone surrogates become U+FFFD.
  static func string(fromUTF16 units: [UInt16]) -> String {
    units.withUnsafeBufferPointer { string(fromUTF16: $0) }
  }

  static func string(fromUTF16 units: UnsafeBufferPointer<UInt16>) -> String {
    if units.isEmpty { return "" }
    return String(unsafeUninitializedCapacity: units.count * 3) { bytes in
      var out = 0
      var index = 0
      let count = units.count
      while index < count {
        var scalar = UInt32(units[index])
        index += 1
        if scalar < 0x80 {
          bytes[out] = UInt8(scalar)
          out += 1
          continue
        }
        if scalar >= 0xD800 && scalar < 0xE000 {
          if scalar < 0xDC00, index < count, units[index] >= 0xDC00, units[index] < 0xE000 {
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (UInt32(units[index]) - 0xDC00)
            index += 1
          } else {
            scalar = 0xFFFD
          }
        }
        if scalar < 0x800 {
          bytes[out] = UInt8(0xC0 | (scalar >> 6))
          bytes[out + 1] = UInt8(0x80 | (scalar & 0x3F))
          out += 2
        } else if scalar < 0x10000 {
          bytes[out] = UInt8(0xE0 | (scalar >> 12))
          bytes[out + 1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
          bytes[out + 2] = UInt8(0x80 | (scalar & 0x3F))
          out += 3
        } else {
          bytes[out] = UInt8(0xF0 | (scalar >> 18))
          bytes[out + 1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
          bytes[out + 2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
          bytes[out + 3] = UInt8(0x80 | (scalar & 0x3F))
          out += 4
        }
      }
      return out
    }
  }

  /// Number of code points in the text.
  public var scalarCount: Int { Int(scalarOffset[utf16.count]) }

  /// The code-point span of a UTF-16 range.
  public func span(utf16 start: Int, _ end: Int) -> TextSpan {
    TextSpan(start: Int(scalarOffset[start]), end: Int(scalarOffset[end]))
  }

  /// The UTF-16 index where the code point at `scalar` starts (binary search; offsets are monotonic).
  public func utf16Index(ofScalar scalar: Int) -> Int {
    var low = 0, high = utf16.count
    while low < high {
      let middle = (low + high) / 2
      if Int(scalarOffset[middle]) >= scalar { high = middle } else { low = middle + 1 }
    }
    return low
  }

  /// The text of a code-point span.
  public func string(_ span: TextSpan) -> String {
    string(utf16: utf16Index(ofScalar: span.start), utf16Index(ofScalar: span.end))
  }

  /// The text of a UTF-16 range.
  public func string(utf16 start: Int, _ end: Int) -> String {
    utf16.withUnsafeBufferPointer { Self.string(fromUTF16: UnsafeBufferPointer(rebasing: $0[start..<end])) }
  }
}

/// What is known about an article besides its text; every field is optional.
public struct ArticleMetadata: Codable, Hashable, Sendable {
  public var title: String?
  public var outlet: String?
  public var published: String?
  public var url: String?
  public var language: String?
  public var byline: String?
  /// Fields of the input record that framing does not read, passed through to the outputs.
  public var extra: [String: String] = [:]

  public init(title: String? = nil, outlet: String? = nil, published: String? = nil, url: String? = nil,
              language: String? = nil, byline: String? = nil, extra: [String: String] = [:]) {
    self.title = title
    self.outlet = outlet
    self.published = published
    self.url = url
    self.language = language
    self.byline = byline
    self.extra = extra
  }
}
