import CDigest

/// SHA-256 (FIPS 180-4), for the text and lexicon fingerprints every profile carries, computed by
/// OpenSSL's libcrypto: it uses the CPU's SHA instructions where there are any, several times
/// faster than portable code, and every article's text is hashed.
public struct SHA256 {
  /// Owns the libcrypto context; a hasher is used from one place, so copies share it.
  private final class Context {
    var handle: OpaquePointer?

    init() {
      guard let handle = cdigest_sha256_new() else { preconditionFailure("libcrypto has no SHA-256") }
      self.handle = handle
    }

    deinit { cdigest_sha256_free(handle) }
  }

  private let context = Context()

  public init() {}

  public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
    if bytes.withContiguousStorageIfAvailable({ update(contiguous: $0) }) == nil {
      Array(bytes).withUnsafeBufferPointer { update(contiguous: $0) }
    }
  }

  private func update(contiguous input: UnsafeBufferPointer<UInt8>) {
    guard let handle = context.handle else { preconditionFailure("SHA256 updated after finalize()") }
    guard let base = input.baseAddress, !input.isEmpty else { return }
    precondition(cdigest_sha256_update(handle, base, input.count) == 1, "libcrypto failed to hash")
  }

  /// The digest as 64 lowercase hex digits; the hasher cannot be updated afterwards.
  public mutating func finalize() -> String {
    guard let handle = context.handle else { preconditionFailure("SHA256 finalized twice") }
    context.handle = nil
    return Self.spelled { precondition(cdigest_sha256_finish(handle, $0) == 1, "libcrypto failed to hash") }
  }

  /// The digest of bytes held in one piece, as 64 lowercase hex digits: one call, no hasher (every
  /// article's text is hashed so).
  public static func hex(of bytes: UnsafeBufferPointer<UInt8>) -> String {
    spelled { out in
      precondition(cdigest_sha256_oneshot(bytes.baseAddress, bytes.count, out) == 1, "libcrypto failed to hash")
    }
  }

  /// The 32 bytes `digest` writes, as hex.
  private static func spelled(_ digest: (UnsafeMutablePointer<UInt8>) -> Void) -> String {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    withUnsafeMutableBytes(of: &words) { digest($0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
    return withUnsafeBytes(of: &words) { bytes in
      String(unsafeUninitializedCapacity: 64) { hex in
        for (index, byte) in bytes.enumerated() {
          hex[2 * index] = hexDigit(byte >> 4)
          hex[2 * index + 1] = hexDigit(byte & 0x0F)
        }
        return 64
      }
    }
  }

  private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x61 + value - 10 }

  public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    if let digest = bytes.withContiguousStorageIfAvailable({ hex(of: $0) }) { return digest }
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalize()
  }
}
