/// Turns bytes into a `Document`: detects the encoding (BOM, strict UTF-8, then ICU's detector over
/// the legacy charsets news archives still carry), counts invalid bytes, refuses binary input, and
/// normalizes to NFC with "\n" line ends.
public struct TextDecoder: Sendable {
  /// Legacy charsets the detector may choose; anything else ICU proposes is ignored.
  public static let legacyCharsets = ["windows-1250", "ISO-8859-2", "windows-1251", "KOI8-R", "windows-1252", "ISO-8859-1"]

  public var forcedEncoding: String?
  public var maxBytes: Int

  public init(forcedEncoding: String? = nil, maxBytes: Int = 20_000_000) {
    self.forcedEncoding = forcedEncoding
    self.maxBytes = maxBytes
  }

  public func decode(_ bytes: [UInt8], name: String, id: String? = nil,
                     metadata: ArticleMetadata = ArticleMetadata()) throws(TextError) -> Document {
    if bytes.count > maxBytes { throw .tooLarge(file: name, bytes: bytes.count, limit: maxBytes) }
    var (units, encoding, invalid, seen) = try toUTF16(bytes, name: name)
    var warnings: [String] = []
    if invalid > 0 {
      warnings.append("\(name): \(invalid) invalid byte sequence\(invalid == 1 ? "" : "s") in \(encoding) replaced with U+FFFD")
    }
    // What the UTF-8 conversion saw spares the passes it makes needless: most news text has no
    // control characters and holds only units that are NFC wherever they stand.
    let census = seen?.mayHoldControls == false ? UnitCensus() : UnitCensus(units)
    if census.hasNull { throw .binary(file: name) }
    let rewritten = census.hasCarriageReturn || units.first == 0xFEFF
    var normalizedInPlace = false
    if rewritten {
      units = Self.normalize(units)
    } else if seen?.isPlainNFC != true {
      (units, normalizedInPlace) = ICU.nfcIfNeeded(units)
    }
    // Well-formed UTF-8 without BOM that neither line ends nor NFC changed is the text's own UTF-8.
    let isOwnUTF8 = forcedEncoding == nil && encoding == "UTF-8" && invalid == 0 && !rewritten && !normalizedInPlace
      && !bytes.starts(with: [0xEF, 0xBB, 0xBF])
    // Binary when control characters other than tab, newline, form feed and carriage return make up
    // more than one percent of the text (normalizing leaves them as they are).
    if census.controls * 100 > units.count { throw .binary(file: name) }
    if !units.contains(where: { !Self.isWhitespace($0) }) { throw .empty(file: name) }
    return Document(id: id ?? name, normalizedUTF16: units, encoding: encoding, metadata: metadata, warnings: warnings,
                    sourceUTF8: isOwnUTF8 ? bytes : nil)
  }

  private func toUTF16(_ bytes: [UInt8], name: String) throws(TextError) -> ([UInt16], String, Int, ICU.UTF8Seen?) {
    if bytes.isEmpty { throw .empty(file: name) }
    if let forced = forcedEncoding {
      guard let converted = ICU.toUTF16(bytes, charset: forced) else { throw .unknownEncoding(file: name, name: forced) }
      return (converted.units, forced, converted.invalid, nil)
    }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return utf8(Array(bytes.dropFirst(3))) }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      let little = bytes[0] == 0xFF
      let charset = little ? "UTF-16LE" : "UTF-16BE"
      guard let converted = ICU.toUTF16(Array(bytes.dropFirst(2)), charset: charset) else {
        throw .undecodable(file: name, reason: "broken \(charset) data")
      }
      return (converted.units, charset, converted.invalid, nil)
    }
    // Well-formed UTF-8 (the usual case) converts without a replacement; only damaged input needs
    // the scan that tells damaged UTF-8 from a legacy charset. (A NUL in well-formed UTF-8 is seen
    // by the conversion, and `decode` refuses the text as binary.)
    let converted = utf8(bytes)
    if converted.2 == 0 { return converted }
    if bytes.contains(0) { throw .binary(file: name) }
    let scan = UTF8Scan(bytes)
    if scan.validMultibyte >= scan.invalid { return converted }
    // Mostly high bytes that are not UTF-8: an 8-bit legacy charset.
    if let detected = ICU.detectCharset(bytes), Self.legacyCharsets.contains(detected.name),
       let converted = ICU.toUTF16(bytes, charset: detected.name) {
      return (converted.units, detected.name, converted.invalid, nil)
    }
    throw .undecodable(file: name, reason: "bytes are not valid UTF-8 and no legacy encoding fits (tried \(Self.legacyCharsets.joined(separator: ", ")))")
  }

  private func utf8(_ bytes: [UInt8]) -> ([UInt16], String, Int, ICU.UTF8Seen?) {
    if let converted = ICU.convertWellFormedUTF8(bytes) {
      return (converted.units, "UTF-8", 0, converted.seen)
    }
    let converted = ICU.toUTF16(bytes, charset: "UTF-8") ?? ([], 0)
    return (converted.units, "UTF-8", converted.invalid, nil)
  }

  /// NFC, "\r\n" and "\r" to "\n", a leading BOM dropped.
  public static func normalize(_ units: [UInt16]) -> [UInt16] {
    // Most texts have "\n" line ends and no BOM: nothing to rewrite before NFC.
    if units.first != 0xFEFF && !units.contains(0x0D) { return ICU.nfc(units) }
    var lines: [UInt16] = []
    lines.reserveCapacity(units.count)
    var index = units.first == 0xFEFF ? 1 : 0
    while index < units.count {
      let unit = units[index]
      if unit == 0x0D {
        lines.append(0x0A)
        if index + 1 < units.count, units[index + 1] == 0x0A { index += 1 }
      } else {
        lines.append(unit)
      }
      index += 1
    }
    return ICU.nfc(lines)
  }

  static func isWhitespace(_ unit: UInt16) -> Bool {
    unit == 0x20 || unit == 0x09 || unit == 0x0A || unit == 0x0C || unit == 0xA0 || unit == 0x2007 || unit == 0x202F
      || (unit >= 0x2000 && unit <= 0x200B) || unit == 0x3000 || unit == 0xFEFF
  }
}

/// What one pass over the decoded units tells about them before normalizing.
private struct UnitCensus {
  var hasNull = false
  var hasCarriageReturn = false
  /// Control characters other than tab, newline, form feed and carriage return.
  var controls = 0

  /// The census of a text known to hold no control characters.
  init() {}

  init(_ units: [UInt16]) {
    units.withUnsafeBufferPointer { buffer in
      for unit in buffer where unit < 0x20 {
        switch unit {
        case 0x00: hasNull = true
        case 0x0D: hasCarriageReturn = true
        case 0x09, 0x0A, 0x0C: break
        default: controls += 1
        }
      }
    }
  }
}

/// Counts well-formed multi-byte sequences and invalid bytes, to tell damaged UTF-8 from a legacy charset.
private struct UTF8Scan {
  var validMultibyte = 0
  var invalid = 0

  init(_ bytes: [UInt8]) {
    var index = 0
    while index < bytes.count {
      let lead = bytes[index]
      if lead < 0x80 { index += 1; continue }
      let length: Int
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: length = 0
      }
      var ok = length > 0 && index + length <= bytes.count
      if ok {
        for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { ok = false; break }
      }
      if ok {
        validMultibyte += 1
        index += length
      } else {
        invalid += 1
        index += 1
      }
    }
  }
}
