/// Writes JSON straight into UTF-8 bytes: the one place where framing's JSON is spelled (escapes,
/// numbers, indentation). Profiles, the large and hot output (often ten times the size of their
/// article), write their own members in sorted key order, because going through Swift's `Encoder`
/// protocol cost more than the whole analysis; `FastJSONEncoder` feeds it everything else (a test
/// holds the two paths to the same bytes for profiles).
struct JSONWriter {
  private let buffer: ByteBuffer
  let pretty: Bool
  /// Open containers as bits (depth ≤ 64): whether each is an array, and whether it has a member yet.
  private var depth = 0
  private var arrayBits: UInt64 = 0
  private var filledBits: UInt64 = 0
  #if DEBUG
  private var lastKeys: [String] = []
  #endif

  init(pretty: Bool, capacity: Int = 1 << 14) {
    self.pretty = pretty
    buffer = ByteBuffer(capacity: capacity)
  }

  var bytes: [UInt8] { buffer.array }
  var string: String { String(decoding: bytes, as: UTF8.self) }

  // MARK: - Containers

  mutating func beginObject() { open(isArray: false, mark: 0x7B) }
  mutating func endObject() { close(mark: 0x7D) }
  mutating func beginArray() { open(isArray: true, mark: 0x5B) }
  mutating func endArray() { close(mark: 0x5D) }

  private var bit: UInt64 { 1 << UInt64(depth - 1) }

  private mutating func open(isArray: Bool, mark: UInt8) {
    beforeValue()
    buffer.append(mark)
    precondition(depth < 64, "JSON nested deeper than 64 levels")
    depth += 1
    if isArray { arrayBits |= bit } else { arrayBits &= ~bit }
    filledBits &= ~bit
    #if DEBUG
    lastKeys.append("")
    #endif
  }

  private mutating func close(mark: UInt8) {
    let filled = filledBits & bit != 0
    depth -= 1
    #if DEBUG
    lastKeys.removeLast()
    #endif
    if pretty && filled { newline() }
    buffer.append(mark)
  }

  private mutating func newline() {
    buffer.append(0x0A)
    for _ in 0..<(depth * 2) { buffer.append(0x20) }
  }

  /// Commas and indentation before an array element (object members get theirs in `key`).
  @inline(__always)
  private mutating func beforeValue() {
    guard depth > 0, arrayBits & bit != 0 else { return }
    if filledBits & bit != 0 { buffer.append(0x2C) } else { filledBits |= bit }
    if pretty { newline() }
  }

  /// A member name, already in its output spelling; members must come in sorted order.
  mutating func key(_ name: StaticString) {
    #if DEBUG
    checkOrder(name.description)
    #endif
    beforeKey()
    buffer.append(0x22)
    buffer.append(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    buffer.append(0x22)
    afterKey()
  }

  /// A member name that is data (a map key, a name from an `Encodable` tree).
  mutating func key(dynamic name: String) {
    #if DEBUG
    checkOrder(name)
    #endif
    beforeKey()
    quote(name)
    afterKey()
  }

  #if DEBUG
  private mutating func checkOrder(_ name: String) {
    precondition(lastKeys[lastKeys.count - 1] < name || lastKeys[lastKeys.count - 1].isEmpty, "JSON keys out of order: \(name)")
    lastKeys[lastKeys.count - 1] = name
  }
  #endif

  @inline(__always)
  private mutating func beforeKey() {
    if filledBits & bit != 0 { buffer.append(0x2C) } else { filledBits |= bit }
    if pretty { newline() }
  }

  @inline(__always)
  private mutating func afterKey() {
    if pretty {
      buffer.append(0x20); buffer.append(0x3A); buffer.append(0x20)
    } else {
      buffer.append(0x3A)
    }
  }

  // MARK: - Values

  mutating func value(_ text: String) {
    beforeValue()
    quote(text)
  }

  mutating func value(_ number: Int) {
    beforeValue()
    if number < 0 { buffer.append(0x2D) }
    appendDigits(number.magnitude)
  }

  private mutating func appendDigits(_ number: UInt) {
    if number == 0 { buffer.append(0x30); return }
    var magnitude = number
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                 UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
      while magnitude > 0 {
        buffer[count] = 0x30 + UInt8(magnitude % 10)
        magnitude /= 10
        count += 1
      }
      for index in stride(from: count - 1, through: 0, by: -1) { self.buffer.append(buffer[index]) }
    }
  }

  /// Swift's shortest round-trip spelling of a number. Profile values are rounded to four decimals
  /// (`JSONOutput.round`); such a number is spelled here without building a String: its four-decimal
  /// form is the shortest that reads back as the same Double (`JSONWriterTests` holds the two equal).
  mutating func value(_ number: Double) {
    guard number.isFinite else { value(0); return }
    if number == number.rounded() && abs(number) < 1e15 { value(Int(number)); return }
    beforeValue()
    let scaled = (number * 10_000).rounded()
    if abs(scaled) < 1e15 && scaled / 10_000 == number {
      let magnitude = UInt(abs(scaled))
      if number < 0 { buffer.append(0x2D) }
      appendDigits(magnitude / 10_000)
      buffer.append(0x2E)
      var fraction = magnitude % 10_000
      var divisor: UInt = 1_000
      while fraction > 0 {
        buffer.append(0x30 + UInt8(fraction / divisor))
        fraction %= divisor
        divisor /= 10
      }
      return
    }
    var text = "\(number)"
    text.withUTF8 { buffer.append($0) }
  }

  mutating func value(_ flag: Bool) {
    beforeValue()
    (flag ? Self.trueBytes : Self.falseBytes).withUnsafeBufferPointer { buffer.append($0) }
  }

  mutating func null() {
    beforeValue()
    Self.nullBytes.withUnsafeBufferPointer { buffer.append($0) }
  }

  private static let trueBytes = Array("true".utf8)
  private static let falseBytes = Array("false".utf8)
  private static let nullBytes = Array("null".utf8)

  // MARK: - Shorthands

  mutating func member(_ name: StaticString, _ text: String) { key(name); value(text) }
  mutating func member(_ name: StaticString, _ number: Int) { key(name); value(number) }
  mutating func member(_ name: StaticString, _ number: Double) { key(name); value(number) }
  mutating func member(_ name: StaticString, _ flag: Bool) { key(name); value(flag) }

  mutating func member(_ name: StaticString, ifPresent text: String?) {
    if let text { member(name, text) }
  }

  mutating func member(_ name: StaticString, _ numbers: [Int]) {
    key(name)
    beginArray()
    for number in numbers { value(number) }
    endArray()
  }

  mutating func member(_ name: StaticString, _ texts: [String]) {
    key(name)
    value(texts)
  }

  /// An attribution chain: its links, each a list of entity ids.
  mutating func member(_ name: StaticString, _ chain: [[String]]) {
    key(name)
    value(chain)
  }

  mutating func value(_ texts: [String]) {
    beginArray()
    for text in texts { value(text) }
    endArray()
  }

  mutating func value(_ chain: [[String]]) {
    beginArray()
    for link in chain { value(link) }
    endArray()
  }

  mutating func member<Element: JSONWritable>(_ name: StaticString, _ elements: [Element]) {
    key(name)
    beginArray()
    for element in elements { element.write(to: &self) }
    endArray()
  }

  mutating func member<Element: JSONWritable>(_ name: StaticString, _ element: Element) {
    key(name)
    element.write(to: &self)
  }

  /// A string map; keys are spelled as `FastJSONEncoder` spells them (snake_case unless `verbatim`).
  mutating func member(_ name: StaticString, _ map: [String: String], verbatim: Bool = false) {
    key(name)
    writeMap(map, verbatim: verbatim) { $0.value($1) }
  }

  /// A label map, spelled like a dictionary: the entries are kept in name order, which is the
  /// output order whenever snake_case leaves the names as they are.
  mutating func member(_ name: StaticString, _ map: LabelMap<String>) {
    key(name)
    writeMap(map) { $0.value($1) }
  }

  mutating func member(_ name: StaticString, _ map: LabelMap<Double>) {
    key(name)
    writeMap(map) { $0.value($1) }
  }

  private mutating func writeMap<Value>(_ map: LabelMap<Value>, _ write: (inout JSONWriter, Value) -> Void) {
    guard map.entries.allSatisfy({ SnakeCase.isUnchanged($0.name) }) else {
      writeMap(Dictionary(uniqueKeysWithValues: map.entries.map { ($0.name, $0.value) }), verbatim: false, write)
      return
    }
    beginObject()
    for entry in map.entries {
      key(dynamic: entry.name)
      write(&self, entry.value)
    }
    endObject()
  }

  private mutating func writeMap<Value>(_ map: [String: Value], verbatim: Bool, _ write: (inout JSONWriter, Value) -> Void) {
    beginObject()
    let entries = map.map { (name: verbatim ? $0.key : SnakeCase.shared.convert($0.key), value: $0.value) }.sorted { $0.name < $1.name }
    for entry in entries {
      key(dynamic: entry.name)
      write(&self, entry.value)
    }
    endObject()
  }

  // MARK: - Strings

  private mutating func quote(_ text: String) {
    buffer.append(0x22)
    let copied: Void? = text.utf8.withContiguousStorageIfAvailable { append(escaping: $0) }
    if copied == nil { Array(text.utf8).withUnsafeBufferPointer { append(escaping: $0) } }
    buffer.append(0x22)
  }

  /// Copies text that needs no escapes in one move; the test looks at eight bytes at a time for a
  /// control character, a quote or a backslash.
  private mutating func append(escaping utf8: UnsafeBufferPointer<UInt8>) {
    guard let base = utf8.baseAddress else { return }
    let count = utf8.count
    var index = 0
    let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
    while index + 8 <= count {
      let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
      let controls = (word &- ones &* 0x20) & ~word & highs
      let quotes = ((word ^ (ones &* 0x22)) &- ones) & ~(word ^ (ones &* 0x22)) & highs
      let backslashes = ((word ^ (ones &* 0x5C)) &- ones) & ~(word ^ (ones &* 0x5C)) & highs
      if controls | quotes | backslashes != 0 { escape(utf8); return }
      index += 8
    }
    while index < count {
      let byte = base[index]
      if byte < 0x20 || byte == 0x22 || byte == 0x5C { escape(utf8); return }
      index += 1
    }
    buffer.append(utf8)
  }

  private mutating func escape(_ utf8: UnsafeBufferPointer<UInt8>) {
    for byte in utf8 {
      guard byte < 0x20 || byte == 0x22 || byte == 0x5C else {
        buffer.append(byte)
        continue
      }
      buffer.append(0x5C)
      switch byte {
      case 0x22: buffer.append(0x22)
      case 0x5C: buffer.append(0x5C)
      case 0x0A: buffer.append(0x6E)
      case 0x0D: buffer.append(0x72)
      case 0x09: buffer.append(0x74)
      default:
        buffer.append(0x75); buffer.append(0x30); buffer.append(0x30)
        buffer.append(Self.hexDigits[Int(byte >> 4)])
        buffer.append(Self.hexDigits[Int(byte & 0x0F)])
      }
    }
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)
}

/// The writer's output: a growing block of bytes written through a pointer (appending to an array
/// checks uniqueness and capacity per byte, which showed in profiles of JSON output).
private final class ByteBuffer {
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private var count = 0

  init(capacity: Int) {
    self.capacity = max(capacity, 64)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

  @inline(__always)
  func append(_ byte: UInt8) {
    if count == capacity { grow(to: count + 1) }
    base[count] = byte
    count += 1
  }

  @inline(__always)
  func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
    if count + bytes.count > capacity { grow(to: count + bytes.count) }
    (base + count).update(from: source, count: bytes.count)
    count += bytes.count
  }

  private func grow(to needed: Int) {
    var newCapacity = capacity * 2
    while newCapacity < needed { newCapacity *= 2 }
    let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    grown.update(from: base, count: count)
    base.deallocate()
    base = grown
    capacity = newCapacity
  }
}

/// A type that writes itself with `JSONWriter`, members in sorted order.
protocol JSONWritable {
  func write(to json: inout JSONWriter)
}
