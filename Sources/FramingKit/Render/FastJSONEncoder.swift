/// A lean JSON encoder for framing's outputs: it builds a small tree through Swift's `Encoder`
/// protocol and writes it with sorted keys, snake_case property names (the input's passthrough
/// `extra` fields keep theirs), no escaped slashes and shortest-form numbers. Foundation's
/// JSONEncoder cost more than the analysis itself; this one does the same job several times faster.
struct FastJSONEncoder {
  final class Box {
    enum Value {
      case object(Box)
      case array(Box)
      case literal(String)
    }

    var members: [String: Value] = [:]
    var elements: [Value] = []
  }

  final class Slot {
    var value: Box.Value?
  }

  func encode<T: Encodable>(_ value: T, pretty: Bool) throws -> String {
    let slot = Slot()
    try Self.encode(value, into: slot, path: [])
    var output = ""
    output.reserveCapacity(4096)
    Self.write(slot.value ?? .literal("null"), pretty: pretty, indent: 0, into: &output)
    return output
  }

  static func literal<T: Encodable>(_ value: T) -> String? {
    switch value {
    case let string as String: return quoted(string)
    case let number as Int: return String(number)
    case let number as Int32: return String(number)
    case let number as Double: return format(number)
    case let flag as Bool: return flag ? "true" : "false"
    default: return nil
    }
  }

  static func encode<T: Encodable>(_ value: T, into slot: Slot, path: [String]) throws {
    if let literal = literal(value) {
      slot.value = .literal(literal)
      return
    }
    try value.encode(to: Writer(slot: slot, path: path))
  }

  static func format(_ number: Double) -> String {
    guard number.isFinite else { return "0" }
    if number == number.rounded() && abs(number) < 1e15 { return String(Int(number)) }
    return "\(number)"
  }

  static func quoted(_ string: String) -> String {
    // Most strings need no escaping: copy them whole.
    if !string.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + string + "\"" }
    var result = "\""
    result.reserveCapacity(string.utf8.count + 2)
    for scalar in string.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    result += "\""
    return result
  }

  static func key(_ name: String, path: [String]) -> String {
    path.last == "extra" ? name : SnakeCase.shared.convert(name)
  }

  static func write(_ value: Box.Value, pretty: Bool, indent: Int, into output: inout String) {
    switch value {
    case .literal(let text):
      output += text
    case .object(let box):
      if box.members.isEmpty { output += "{}"; return }
      output += pretty ? "{\n" : "{"
      for (index, name) in box.members.keys.sorted().enumerated() {
        if index > 0 { output += pretty ? ",\n" : "," }
        if pretty { output += String(repeating: " ", count: indent + 2) }
        output += quoted(name)
        output += pretty ? " : " : ":"
        write(box.members[name]!, pretty: pretty, indent: indent + 2, into: &output)
      }
      if pretty { output += "\n" + String(repeating: " ", count: indent) }
      output += "}"
    case .array(let box):
      if box.elements.isEmpty { output += "[]"; return }
      output += pretty ? "[\n" : "["
      for (index, element) in box.elements.enumerated() {
        if index > 0 { output += pretty ? ",\n" : "," }
        if pretty { output += String(repeating: " ", count: indent + 2) }
        write(element, pretty: pretty, indent: indent + 2, into: &output)
      }
      if pretty { output += "\n" + String(repeating: " ", count: indent) }
      output += "]"
    }
  }

  struct Writer: Encoder {
    let slot: Slot
    let path: [String]
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func objectBox() -> Box {
      if case .object(let box)? = slot.value { return box }
      let box = Box()
      slot.value = .object(box)
      return box
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
      KeyedEncodingContainer(Keyed<Key>(box: objectBox(), path: path))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
      if case .array(let box)? = slot.value { return Unkeyed(box: box, path: path) }
      let box = Box()
      slot.value = .array(box)
      return Unkeyed(box: box, path: path)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { Single(slot: slot, path: path) }
  }

  struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: Box
    let path: [String]
    var codingPath: [CodingKey] { [] }

    func name(_ key: Key) -> String { FastJSONEncoder.key(key.stringValue, path: path) }

    mutating func encodeNil(forKey key: Key) throws { box.members[name(key)] = .literal("null") }
    mutating func encode(_ value: String, forKey key: Key) throws { box.members[name(key)] = .literal(FastJSONEncoder.quoted(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { box.members[name(key)] = .literal(String(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { box.members[name(key)] = .literal(FastJSONEncoder.format(value)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { box.members[name(key)] = .literal(value ? "true" : "false") }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
      let slot = Slot()
      try FastJSONEncoder.encode(value, into: slot, path: path + [key.stringValue])
      box.members[name(key)] = slot.value ?? .literal("null")
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
      let child = Box()
      box.members[name(key)] = .object(child)
      return KeyedEncodingContainer(Keyed<NestedKey>(box: child, path: path + [key.stringValue]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
      let child = Box()
      box.members[name(key)] = .array(child)
      return Unkeyed(box: child, path: path + [key.stringValue])
    }

    mutating func superEncoder() -> Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> Encoder {
      let slot = Slot()
      let child = Box()
      slot.value = .object(child)
      box.members[name(key)] = .object(child)
      return Writer(slot: slot, path: path + [key.stringValue])
    }
  }

  struct Unkeyed: UnkeyedEncodingContainer {
    let box: Box
    let path: [String]
    var codingPath: [CodingKey] { [] }
    var count: Int { box.elements.count }

    mutating func encodeNil() throws { box.elements.append(.literal("null")) }
    mutating func encode(_ value: String) throws { box.elements.append(.literal(FastJSONEncoder.quoted(value))) }
    mutating func encode(_ value: Int) throws { box.elements.append(.literal(String(value))) }
    mutating func encode(_ value: Double) throws { box.elements.append(.literal(FastJSONEncoder.format(value))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
      let slot = Slot()
      try FastJSONEncoder.encode(value, into: slot, path: path)
      box.elements.append(slot.value ?? .literal("null"))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
      let child = Box()
      box.elements.append(.object(child))
      return KeyedEncodingContainer(Keyed<NestedKey>(box: child, path: path))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
      let child = Box()
      box.elements.append(.array(child))
      return Unkeyed(box: child, path: path)
    }

    mutating func superEncoder() -> Encoder {
      let slot = Slot()
      let child = Box()
      slot.value = .object(child)
      box.elements.append(.object(child))
      return Writer(slot: slot, path: path)
    }
  }

  struct Single: SingleValueEncodingContainer {
    let slot: Slot
    let path: [String]
    var codingPath: [CodingKey] { [] }

    mutating func encodeNil() throws { slot.value = .literal("null") }
    mutating func encode(_ value: String) throws { slot.value = .literal(FastJSONEncoder.quoted(value)) }
    mutating func encode(_ value: Int) throws { slot.value = .literal(String(value)) }
    mutating func encode(_ value: Double) throws { slot.value = .literal(FastJSONEncoder.format(value)) }
    mutating func encode(_ value: Bool) throws { slot.value = .literal(value ? "true" : "false") }

    mutating func encode<T: Encodable>(_ value: T) throws { try FastJSONEncoder.encode(value, into: slot, path: path) }
  }
}
