import Foundation

/// Reads a file (or standard input) in chunks, so corpora of any size stream through bounded memory.
final class ByteStream {
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var position = 0
  private var finished = false
  private(set) var bytesRead = 0

  init?(path: String) {
    if path == "-" {
      handle = FileHandle.standardInput
    } else {
      guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
      self.handle = handle
    }
  }

  private func refill() -> Bool {
    if finished { return false }
    let data = handle.readData(ofLength: 1 << 16)
    if data.isEmpty {
      finished = true
      return false
    }
    buffer = Array(data)
    position = 0
    bytesRead += data.count
    return true
  }

  func next() -> UInt8? {
    if position >= buffer.count && !refill() { return nil }
    defer { position += 1 }
    return buffer[position]
  }

  /// The next line without its "\n" (and "\r"), or nil at the end.
  func nextLine() -> [UInt8]? {
    var line: [UInt8] = []
    while true {
      if position >= buffer.count && !refill() { return line.isEmpty ? nil : line }
      if let newline = buffer[position...].firstIndex(of: 0x0A) {
        line += buffer[position..<newline]
        position = newline + 1
        if line.last == 0x0D { line.removeLast() }
        return line
      }
      line += buffer[position...]
      position = buffer.count
    }
  }
}

/// RFC 4180 CSV over a byte stream: quoted fields with doubled quotes and embedded newlines.
final class CSVStream {
  private let bytes: ByteStream
  /// The line number where the current record started (1-based).
  private(set) var recordLine = 0
  private var line = 1

  init(_ bytes: ByteStream) { self.bytes = bytes }

  enum Row {
    case fields([String])
    case malformed(String)
  }

  func next() -> Row? {
    var fields: [String] = []
    var field: [UInt8] = []
    var quoted = false
    var afterQuote = false
    var any = false
    recordLine = line
    while let byte = bytes.next() {
      any = true
      if quoted {
        if byte == 0x22 {
          quoted = false
          afterQuote = true
        } else {
          if byte == 0x0A { line += 1 }
          field.append(byte)
        }
        continue
      }
      switch byte {
      case 0x22:
        if afterQuote { field.append(0x22); quoted = true; afterQuote = false }
        else if field.isEmpty { quoted = true }
        else { field.append(byte) }
      case 0x2C:
        fields.append(String(decoding: field, as: UTF8.self))
        field = []
        afterQuote = false
      case 0x0A:
        line += 1
        if field.last == 0x0D { field.removeLast() }
        fields.append(String(decoding: field, as: UTF8.self))
        return .fields(fields)
      default:
        if afterQuote && byte != 0x0D { return skipMalformed("text after a closing quote") }
        field.append(byte)
      }
    }
    if quoted { return .malformed("unterminated quoted field") }
    guard any else { return nil }
    if field.last == 0x0D { field.removeLast() }
    fields.append(String(decoding: field, as: UTF8.self))
    return .fields(fields)
  }

  /// Skips to the end of the broken record's line.
  private func skipMalformed(_ reason: String) -> Row {
    while let byte = bytes.next() {
      if byte == 0x0A { line += 1; break }
    }
    return .malformed(reason)
  }
}
