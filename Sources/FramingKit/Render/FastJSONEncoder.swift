/// A lean JSON encoder for framing's smaller outputs (manifests, evaluations, the text layer): it
/// builds a small tree through Swift's `Encoder` protocol and hands it to `JSONWriter`, which spells
/// every JSON document framing writes: sorted keys, snake_case property names (the input's
/// passthrough `extra` fields keep theirs), no escaped slashes and shortest-form numbers.
struct FastJSONEncoder {
  final class Box {
    enum Value {
      case object(Box)
      case array(Box)
      case string(String)
      case int(Int)
      case double(Double)
      case bool(Bool)
      case null
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
    var writer = JSONWriter(pretty: pretty, capacity: 4096)
    Self.write(slot.value ?? .null, to: &writer)
    return writer.string
  }

  static func literal<T: Encodable>(_ value: T) -> Box.Value? {
    switch value {
    case let string as String: return .string(string)
    case let number as Int: return .int(number)
    case let number as Int32: return .int(Int(number))
    case let number as Double: return .double(number)
    case let flag as Bool: return .bool(flag)
    default: return nil
    }
  }

  static func encode<T: Encodable>(_ value: T, into slot: Slot, path: [String]) throws {
    if let literal = literal(value) {
      slot.value = literal
      return
    }
    try value.encode(to: Writer(slot: slot, path: path))
  }

  static func key(_ name: String, path: [String]) -> String {
    path.last == "extra" ? name : SnakeCase.shared.convert(name)
  }

  static func write(_ value: Box.Value, to writer: inout JSONWriter) {
    switch value {
    case .string(let text): writer.value(text)
    case .int(let number): writer.value(number)
    case .double(let number): writer.value(number)
    case .bool(let flag): writer.value(flag)
    case .null: writer.null()
    case .object(let box):
      writer.beginObject()
      for name in box.members.keys.sorted() {
        writer.key(dynamic: name)
        write(box.members[name]!, to: &writer)
      }
      writer.endObject()
    case .array(let box):
      writer.beginArray()
      for element in box.elements { write(element, to: &writer) }
      writer.endArray()
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

    mutating func encodeNil(forKey key: Key) throws { box.members[name(key)] = .null }
    mutating func encode(_ value: String, forKey key: Key) throws { box.members[name(key)] = .string(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { box.members[name(key)] = .int(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { box.members[name(key)] = .double(value) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { box.members[name(key)] = .bool(value) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
      let slot = Slot()
      try FastJSONEncoder.encode(value, into: slot, path: path + [key.stringValue])
      box.members[name(key)] = slot.value ?? .null
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

    mutating func encodeNil() throws { box.elements.append(.null) }
    mutating func encode(_ value: String) throws { box.elements.append(.string(value)) }
    mutating func encode(_ value: Int) throws { box.elements.append(.int(value)) }
    mutating func encode(_ value: Double) throws { box.elements.append(.double(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
      let slot = Slot()
      try FastJSONEncoder.encode(value, into: slot, path: path)
      box.elements.append(slot.value ?? .null)
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

    mutating func encodeNil() throws { slot.value = .null }
    mutating func encode(_ value: String) throws { slot.value = .string(value) }
    mutating func encode(_ value: Int) throws { slot.value = .int(value) }
    mutating func encode(_ value: Double) throws { slot.value = .double(value) }
    mutating func encode(_ value: Bool) throws { slot.value = .bool(value) }

    mutating func encode<T: Encodable>(_ value: T) throws { try FastJSONEncoder.encode(value, into: slot, path: path) }
  }
}
