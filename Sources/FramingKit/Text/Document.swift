import CICU
import Foundation

/// A decoded article: NFC text with line ends normalized to "\n", plus what is known about it.
/// Spans are reported in code points; `utf16` is what the text layer walks. Most news text has no
/// characters outside the Basic Multilingual Plane, and then a UTF-16 index is its code-point
/// offset: the offset table is only built for texts with surrogate pairs.
public struct Document: Sendable {
  /// The fields live in one shared object: a document is passed and copied along the whole pipeline,
  /// and as a plain struct every copy retained (and every end of one released) each of its strings
  /// and arrays.
  private final class Storage: Sendable {
    let id: String
    let utf16: [UInt16]
    let scalarOffsets: [Int32]
    let encoding: String
    let metadata: ArticleMetadata
    let warnings: [String]
    let sourceUTF8: [UInt8]?

    init(id: String, utf16: [UInt16], scalarOffsets: [Int32], encoding: String, metadata: ArticleMetadata, warnings: [String],
         sourceUTF8: [UInt8]?) {
      self.id = id
      self.utf16 = utf16
      self.scalarOffsets = scalarOffsets
      self.encoding = encoding
      self.metadata = metadata
      self.warnings = warnings
      self.sourceUTF8 = sourceUTF8
    }
  }

  private let storage: Storage

  public var id: String { storage.id }
  public var utf16: [UInt16] { storage.utf16 }
  /// Code-point offset of every UTF-16 index (0...utf16.count); empty when the text has no surrogate pairs.
  private var scalarOffsets: [Int32] { storage.scalarOffsets }
  /// The charset the bytes were read as ("UTF-8", "windows-1250" …).
  public var encoding: String { storage.encoding }
  public var metadata: ArticleMetadata { storage.metadata }
  /// Non-fatal problems met while decoding ("3 invalid byte sequences replaced with U+FFFD").
  public var warnings: [String] { storage.warnings }
  /// The bytes the text was decoded from, when they are exactly its UTF-8 (the usual case: UTF-8
  /// without BOM, "\n" line ends, already NFC); the text's hash is then taken from them as they are.
  private var sourceUTF8: [UInt8]? { storage.sourceUTF8 }

  public init(id: String, normalizedUTF16 units: [UInt16], encoding: String = "UTF-8",
              metadata: ArticleMetadata = ArticleMetadata(), warnings: [String] = []) {
    self.init(id: id, normalizedUTF16: units, encoding: encoding, metadata: metadata, warnings: warnings, sourceUTF8: nil)
  }

  /// `sourceUTF8` must be the UTF-8 of `units`, byte for byte.
  init(id: String, normalizedUTF16 units: [UInt16], encoding: String, metadata: ArticleMetadata, warnings: [String],
       sourceUTF8: [UInt8]?) {
    storage = Storage(id: id, utf16: units, scalarOffsets: Self.scalarOffsets(units), encoding: encoding, metadata: metadata,
                      warnings: warnings, sourceUTF8: sourceUTF8)
  }

  /// The whole text as a String (made on demand: the analysis itself reads `utf16`).
  public var text: String { Self.string(fromUTF16: utf16) }

  /// SHA-256 of the text's UTF-8, transcoded in chunks rather than through a String.
  public var textSHA256: String {
    if let sourceUTF8 { return sourceUTF8.withUnsafeBufferPointer { SHA256.hex(of: $0) } }
    var hasher = SHA256()
    utf16.withUnsafeBufferPointer { units in
      let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 3 * 4096 + 4)
      defer { chunk.deallocate() }
      var start = 0
      while start < units.count {
        var end = min(start + 4096, units.count)
        // Never split a surrogate pair between chunks.
        if end < units.count, UTF16.isLeadSurrogate(units[end - 1]) { end += 1 }
        let written = Self.transcode(UnsafeBufferPointer(rebasing: units[start..<end]), into: chunk)
        hasher.update(UnsafeBufferPointer(rebasing: chunk[..<written]))
        start = end
      }
    }
    return hasher.finalize()
  }

  private static func scalarOffsets(_ units: [UInt16]) -> [Int32] {
    let hasPairs = units.withUnsafeBufferPointer { buffer in
      // Four units at a time: text below U+8000 (Latin, Greek, Cyrillic, punctuation) has no surrogate
      // and is passed over by one test per word.
      var index = 0
      if let base = buffer.baseAddress {
        let raw = UnsafeRawPointer(base)
        while index + 4 <= buffer.count {
          if raw.loadUnaligned(fromByteOffset: 2 * index, as: UInt64.self) & 0x8000_8000_8000_8000 != 0 {
            for unit in buffer[index..<index + 4] where unit & 0xFC00 == 0xD800 { return true }
          }
          index += 4
        }
      }
      return buffer[index...].contains { $0 & 0xFC00 == 0xD800 }
    }
    guard hasPairs else { return [] }
    var offsets = [Int32](copies: 0, count: units.count + 1)
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
    return offsets
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
    // A short text may fit a small string (15 UTF-8 bytes, no allocation) if asked for its exact size.
    var capacity = units.count * 3
    if capacity > 15 && units.count <= 15 {
      capacity = 0
      for unit in units { capacity += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3 }
    }
    return String(unsafeUninitializedCapacity: capacity) { transcode(units, into: $0) }
  }

  /// Writes the UTF-8 of UTF-16 units (lone surrogates as U+FFFD) and returns its length; `bytes`
  /// must hold it (three bytes per unit always do).
  static func transcode(_ units: UnsafeBufferPointer<UInt16>, into bytes: UnsafeMutableBufferPointer<UInt8>) -> Int {
    transcode(units, into: bytes, escaping: false) { byte, out in
      out.pointee = byte
      return 1
    }
  }

  /// The same, each ASCII byte after a run written by `ascii` (which says how many bytes it wrote),
  /// so that JSON can escape as it goes: runs of units below U+0800 go in vector steps, which, when
  /// `escaping`, stop before a control character, quotation mark or backslash.
  @inline(__always)
  static func transcode(_ units: UnsafeBufferPointer<UInt16>, into bytes: UnsafeMutableBufferPointer<UInt8>, escaping: Bool,
                        ascii: (UInt8, UnsafeMutablePointer<UInt8>) -> Int) -> Int {
    guard let out = bytes.baseAddress, let base = units.baseAddress else { return 0 }
    var written = 0
    var index = 0
    while index < units.count {
      if units.count - index >= vectorRun {
        var run: Int32 = 0
        index += Int(cicu_utf16_to_utf8_run(base + index, Int32(units.count - index), out + written, Int32(bytes.count - written),
                                            &run, escaping ? 1 : 0))
        written += Int(run)
        guard index < units.count else { break }
      }
      written += transcodeScalar(units, at: &index, into: out + written, ascii: ascii)
    }
    return written
  }

  /// Below this many units left, a call to the vector transcoder costs more than it saves.
  private static let vectorRun = 16

  /// Writes the UTF-8 of the scalar at `index` (one unit, or two for a surrogate pair; a lone
  /// surrogate as U+FFFD) at `out`, moves `index` past it and returns how many bytes it wrote. An
  /// ASCII byte is written by `ascii` (which says how many bytes it wrote), so that JSON can escape
  /// as it goes.
  @inline(__always)
  static func transcodeScalar(_ units: UnsafeBufferPointer<UInt16>, at index: inout Int, into out: UnsafeMutablePointer<UInt8>,
                              ascii: (UInt8, UnsafeMutablePointer<UInt8>) -> Int) -> Int {
    var scalar = UInt32(units[index])
    index += 1
    if scalar < 0x80 { return ascii(UInt8(truncatingIfNeeded: scalar), out) }
    if scalar >= 0xD800 && scalar < 0xE000 {
      if scalar < 0xDC00, index < units.count, units[index] >= 0xDC00, units[index] < 0xE000 {
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (UInt32(units[index]) - 0xDC00)
        index += 1
      } else {
        scalar = 0xFFFD
      }
    }
    if scalar < 0x800 {
      out[0] = UInt8(0xC0 | (scalar >> 6))
      out[1] = UInt8(0x80 | (scalar & 0x3F))
      return 2
    }
    if scalar < 0x10000 {
      out[0] = UInt8(0xE0 | (scalar >> 12))
      out[1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
      out[2] = UInt8(0x80 | (scalar & 0x3F))
      return 3
    }
    out[0] = UInt8(0xF0 | (scalar >> 18))
    out[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
    out[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
    out[3] = UInt8(0x80 | (scalar & 0x3F))
    return 4
  }

  /// Number of code points in the text.
  public var scalarCount: Int { scalarOffsets.isEmpty ? utf16.count : Int(scalarOffsets[utf16.count]) }

  /// The code-point offset of a UTF-16 index.
  @inline(__always)
  public func scalarOffset(utf16 index: Int) -> Int { scalarOffsets.isEmpty ? index : Int(scalarOffsets[index]) }

  /// The code-point span of a UTF-16 range.
  public func span(utf16 start: Int, _ end: Int) -> TextSpan {
    TextSpan(start: scalarOffset(utf16: start), end: scalarOffset(utf16: end))
  }

  /// The UTF-16 index where the code point at `scalar` starts (binary search; offsets are monotonic).
  public func utf16Index(ofScalar scalar: Int) -> Int {
    if scalarOffsets.isEmpty { return min(max(scalar, 0), utf16.count) }
    var low = 0, high = utf16.count
    while low < high {
      let middle = (low + high) / 2
      if Int(scalarOffsets[middle]) >= scalar { high = middle } else { low = middle + 1 }
    }
    return low
  }

  /// The text of a code-point span.
  public func string(_ span: TextSpan) -> String {
    string(utf16: utf16Index(ofScalar: span.start), utf16Index(ofScalar: span.end))
  }

  /// The text of a code-point span, as a slice of the units (see `TextSlice`).
  func slice(_ span: TextSpan) -> TextSlice { slice(utf16: utf16Index(ofScalar: span.start), utf16Index(ofScalar: span.end)) }

  /// The text of a UTF-16 range, as a slice of the units.
  func slice(utf16 start: Int, _ end: Int) -> TextSlice { TextSlice(units: utf16, start: start, end: end) }

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
