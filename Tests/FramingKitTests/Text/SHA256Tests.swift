import FramingKit
import Foundation
import Testing

/// Published FIPS 180-4 test vectors, fed whole and in uneven pieces.
@Suite struct SHA256Tests {
  @Test func knownVectors() {
    #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
      == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test func millionAsInUnevenPieces() {
    var hasher = SHA256()
    var remaining = 1_000_000
    var piece = 1
    while remaining > 0 {
      let count = min(piece, remaining)
      hasher.update([UInt8](repeating: 0x61, count: count))
      remaining -= count
      piece = piece % 97 + 13
    }
    #expect(hasher.finalize() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  /// A document hashes the UTF-8 of its text, transcoded in chunks: a surrogate pair across a chunk
  /// edge, Cyrillic and Polish letters and a lone surrogate (U+FFFD in UTF-8) give the same digest.
  @Test func documentHashIsThatOfItsUTF8() {
    var units = Array(String(repeating: "Łukaszenka i Лукашэнка. ", count: 170).utf16)
    units = Array(units.prefix(4095)) + Array("𝔸 ok".utf16) + [0xD800] + Array(" Kremla\n".utf16)
    let document = Document(id: "t", normalizedUTF16: units)
    #expect(document.textSHA256 == SHA256.hex(Array(document.text.utf8)))
    #expect(Document(id: "e", normalizedUTF16: []).textSHA256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  /// Decoded input is hashed as its normalized text, whether the bytes are that text's UTF-8 as they
  /// stand (hashed directly) or had to change: a BOM, "\r\n" line ends, a decomposed "é", a legacy
  /// charset, a damaged byte.
  @Test func decodedDocumentsHashTheirNormalizedText() throws {
    let decoder = TextDecoder()
    let inputs: [[UInt8]] = [
      Array("Kreml milczy.\nŁukaszence nie odpowiedziano.\n".utf8),
      [0xEF, 0xBB, 0xBF] + Array("Kreml milczy.".utf8),
      Array("Kreml\r\nmilczy.".utf8),
      Array("Cafe\u{301} au Kremlin.".utf8),
      Array(String(repeating: "Łukaszenka powiedział, że Kreml nie będzie się wtrącał w sprawy Białorusi. ", count: 4)
        .data(using: .windowsCP1250)!),
      Array("Kreml milczy".utf8) + [0xFF] + Array(" dalej, Łukaszenka też; to ąę.".utf8),
    ]
    for bytes in inputs {
      let document = try decoder.decode(bytes, name: "t")
      #expect(document.textSHA256 == SHA256.hex(Array(document.text.utf8)))
    }
    let plain = try decoder.decode(inputs[0], name: "t")
    #expect(plain.textSHA256 == SHA256.hex(inputs[0]))
  }
}
