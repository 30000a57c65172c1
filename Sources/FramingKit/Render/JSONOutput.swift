import Foundation

/// Deterministic JSON: sorted keys, no escaped slashes, numbers as Swift prints them after rounding
/// to four decimals (see `round`). Property names become snake_case; the passthrough fields of the
/// input (`extra`) are written as they are.
public enum JSONOutput {
  public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) -> String {
    (try? FastJSONEncoder().encode(value, pretty: pretty)) ?? "{}"
  }

  /// Profiles are written directly into bytes (see `JSONWriter`): the same output, many times faster.
  public static func encode(_ profile: Profile, pretty: Bool = false) -> String {
    String(decoding: bytes(profile, pretty: pretty), as: UTF8.self)
  }

  /// A profile's JSON as UTF-8 bytes, written straight into the array returned when it fits the
  /// estimated size (it nearly always does), so that it is not copied.
  public static func bytes(_ profile: Profile, pretty: Bool = false) -> [UInt8] {
    var outgrown: [UInt8]?
    let bytes = [UInt8](unsafeUninitializedCapacity: estimatedSize(profile, pretty: pretty)) { room, initialized in
      var writer = JSONWriter(pretty: pretty, writingInto: room)
      profile.write(to: &writer)
      if let count = writer.countInLentRoom { initialized = count } else { outgrown = writer.bytes }
    }
    return outgrown ?? bytes
  }

  /// Room for nearly every profile's JSON, so that it seldom outgrows the array it is written into:
  /// compact profiles run to about four to eight bytes per byte of sentence text, plus a few
  /// kilobytes whatever the article; this allows about twice that.
  private static func estimatedSize(_ profile: Profile, pretty: Bool) -> Int {
    let text = profile.sentences.reduce(profile.text?.utf8.count ?? 0) { $0 + $1.textSlice.estimatedUTF8Count }
    return (8192 + 12 * text) * (pretty ? 2 : 1)
  }

  /// Rounds to four decimals so that output bytes do not depend on float noise; a value that is not
  /// finite (a rate over nothing) becomes 0, which is also how JSON is spelled for it.
  public static func round(_ value: Double) -> Double { value.isFinite ? (value * 10_000).rounded() / 10_000 : 0 }
}

/// Writes one profile after another as compact JSON into one buffer, kept from profile to profile:
/// a batch's writer or a benchmark run writes each into memory the cache still holds, without
/// allocating room for it.
public final class ProfileJSONWriter {
  let buffer = ByteBuffer(capacity: 1 << 16)

  public init() {}

  /// Calls `body` with the profile's compact JSON (`JSONOutput.bytes`), valid only during the call.
  public func withBytes<Result>(of profile: Profile, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
    var writer = JSONWriter(reusing: self)
    profile.write(to: &writer)
    return try body(buffer.bytesWritten)
  }
}

struct SnakeKey: CodingKey {
  let stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

/// camelCase to snake_case, memoized (the same few dozen property names recur in every output).
/// Names without capitals are already snake_case and skip the shared, locked memo.
final class SnakeCase: @unchecked Sendable {
  static let shared = SnakeCase()
  private let lock = NSLock()
  private var cache: [String: String] = [:]

  /// Whether `convert` gives a name back as it is: it has no capitals and nothing beyond ASCII.
  static func isUnchanged(_ name: String) -> Bool {
    var name = name
    return name.withUTF8 { bytes in
      for byte in bytes where (byte >= 0x41 && byte <= 0x5A) || byte >= 0x80 { return false }
      return true
    }
  }

  func convert(_ name: String) -> String {
    guard !Self.isUnchanged(name) else { return name }
    lock.lock()
    defer { lock.unlock() }
    if let known = cache[name] { return known }
    var result = ""
    var previousLowerOrDigit = false
    for character in name {
      if character.isUppercase {
        if previousLowerOrDigit { result.append("_") }
        result += character.lowercased()
        previousLowerOrDigit = false
      } else {
        result.append(character)
        previousLowerOrDigit = character.isLowercase || character.isNumber
      }
    }
    cache[name] = result
    return result
  }
}
