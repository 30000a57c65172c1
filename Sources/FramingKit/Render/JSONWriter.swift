/// Writes JSON straight into UTF-8 bytes: the one place where framing's JSON is spelled (escapes,
/// numbers, indentation). Profiles, the large and hot output (often ten times the size of their
/// article), write their own members in sorted key order, because going through Swift's `Encoder`
/// protocol cost more than the whole analysis; `FastJSONEncoder` feeds it everything else (a test
/// holds the two paths to the same bytes for profiles).
struct JSONWriter {
  private(set) var bytes: [UInt8] = []
  let pretty: Bool
  /// Per open container: whether it is an array, and how many members it has so far.
  private var levels: [(isArray: Bool, count: Int)] = []
  #if DEBUG
  private var lastKeys: [String] = []
  #endif

  init(pretty: Bool, capacity: Int = 1 << 14) {
    self.pretty = pretty
    bytes.reserveCapacity(capacity)
  }

  var string: String { String(decoding: bytes, as: UTF8.self) }

  // MARK: - Containers

  mutating func beginObject() { open(isArray: false, mark: 0x7B) }
  mutating func endObject() { close(mark: 0x7D) }
  mutating func beginArray() { open(isArray: true, mark: 0x5B) }
  mutating func endArray() { close(mark: 0x5D) }

  private mutating func open(isArray: Bool, mark: UInt8) {
    beforeValue()
    bytes.append(mark)
    levels.append((isArray, 0))
    #if DEBUG
    lastKeys.append("")
    #endif
  }

  private mutating func close(mark: UInt8) {
    let level = levels.removeLast()
    #if DEBUG
    lastKeys.removeLast()
    #endif
    if pretty && level.count > 0 { newline() }
    bytes.append(mark)
  }

  private mutating func newline() {
    bytes.append(0x0A)
    for _ in 0..<(levels.count * 2) { bytes.append(0x20) }
  }

  /// Commas and indentation before an array element (object members get theirs in `key`).
  private mutating func beforeValue() {
    guard let last = levels.last, last.isArray else { return }
    if last.count > 0 { bytes.append(0x2C) }
    levels[levels.count - 1].count += 1
    if pretty { newline() }
  }

  /// A member name, already in its output spelling; members must come in sorted order.
  mutating func key(_ name: StaticString) {
    #if DEBUG
    checkOrder(name.description)
    #endif
    beforeKey()
    bytes.append(0x22)
    bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    bytes.append(0x22)
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

  private mutating func beforeKey() {
    if levels[levels.count - 1].count > 0 { bytes.append(0x2C) }
    levels[levels.count - 1].count += 1
    if pretty { newline() }
  }

  private mutating func afterKey() {
    if pretty {
      bytes.append(0x20); bytes.append(0x3A); bytes.append(0x20)
    } else {
      bytes.append(0x3A)
    }
  }

  // MARK: - Values

  mutating func value(_ text: String) {
    beforeValue()
    quote(text)
  }

  mutating func value(_ number: Int) {
    beforeValue()
    if number == 0 { bytes.append(0x30); return }
    var magnitude = number.magnitude
    if number < 0 { bytes.append(0x2D) }
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
      for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
    }
  }

  mutating func value(_ number: Double) {
    guard number.isFinite else { value(0); return }
    if number == number.rounded() && abs(number) < 1e15 { value(Int(number)); return }
    beforeValue()
    bytes.append(contentsOf: "\(number)".utf8)
  }

  mutating func value(_ flag: Bool) {
    beforeValue()
    bytes.append(contentsOf: flag ? Self.trueBytes : Self.falseBytes)
  }

  mutating func null() {
    beforeValue()
    bytes.append(contentsOf: Self.nullBytes)
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
    beginArray()
    for text in texts { value(text) }
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

  mutating func member(_ name: StaticString, _ map: [String: Double]) {
    key(name)
    writeMap(map, verbatim: false) { $0.value($1) }
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
    bytes.append(0x22)
    let copied: Void? = text.utf8.withContiguousStorageIfAvailable { append(escaping: $0) }
    if copied == nil { Array(text.utf8).withUnsafeBufferPointer { append(escaping: $0) } }
    bytes.append(0x22)
  }

  private mutating func append(escaping utf8: UnsafeBufferPointer<UInt8>) {
    for byte in utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
      escape(utf8)
      return
    }
    bytes.append(contentsOf: utf8)
  }

  private mutating func escape(_ utf8: UnsafeBufferPointer<UInt8>) {
    for byte in utf8 {
      guard byte < 0x20 || byte == 0x22 || byte == 0x5C else {
        bytes.append(byte)
        continue
      }
      bytes.append(0x5C)
      switch byte {
      case 0x22: bytes.append(0x22)
      case 0x5C: bytes.append(0x5C)
      case 0x0A: bytes.append(0x6E)
      case 0x0D: bytes.append(0x72)
      case 0x09: bytes.append(0x74)
      default:
        bytes.append(contentsOf: [0x75, 0x30, 0x30])
        bytes.append(Self.hexDigits[Int(byte >> 4)])
        bytes.append(Self.hexDigits[Int(byte & 0x0F)])
      }
    }
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)
}

/// A type that writes itself with `JSONWriter`, members in sorted order.
protocol JSONWritable {
  func write(to json: inout JSONWriter)
}
