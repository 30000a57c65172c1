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

  /// A writer that starts in room lent by the caller (see `ByteBuffer`), for as long as it lasts.
  init(pretty: Bool, writingInto room: UnsafeMutableBufferPointer<UInt8>) {
    self.pretty = pretty
    buffer = ByteBuffer(lending: room)
  }

  /// A compact writer into the emptied buffer of `reusing`.
  init(reusing output: ProfileJSONWriter) {
    pretty = false
    buffer = output.buffer
    buffer.empty()
  }

  var bytes: [UInt8] { buffer.array }
  /// How many bytes went into the lent room, or nil when they outgrew it (they are then in `bytes`).
  var countInLentRoom: Int? { buffer.countInLentRoom }
  var string: String { String(decoding: bytes, as: UTF8.self) }

  // MARK: - Containers

  // Inlined, as `key(_:)` is: every profile opens and closes hundreds of containers.
  @inline(__always) mutating func beginObject() { open(isArray: false, mark: 0x7B) }
  @inline(__always) mutating func endObject() { close(mark: 0x7D) }
  @inline(__always) mutating func beginArray() { open(isArray: true, mark: 0x5B) }
  @inline(__always) mutating func endArray() { close(mark: 0x5D) }

  private var bit: UInt64 { 1 &<< UInt64(truncatingIfNeeded: depth &- 1) }

  @inline(__always)
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

  @inline(__always)
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

  /// A member name, already in its output spelling; members must come in sorted order. Inlined:
  /// the name's length is then known where it is written, and its copy is a move or two.
  @inline(__always)
  mutating func key(_ name: StaticString) {
    #if DEBUG
    checkOrder(name.description)
    #endif
    let length = name.utf8CodeUnitCount
    guard !pretty else {
      beforeKey()
      let out = buffer.reserve(length + 2)
      out[0] = 0x22
      Self.copy(name.utf8Start, to: out + 1, count: length)
      out[length + 1] = 0x22
      buffer.advance(by: length + 2)
      afterKey()
      return
    }
    // Compact output, the common case: comma, quoted name and colon in one reservation.
    let out = buffer.reserve(length + 4)
    var written = 0
    if filledBits & bit != 0 {
      out[0] = 0x2C
      written = 1
    } else {
      filledBits |= bit
    }
    out[written] = 0x22
    Self.copy(name.utf8Start, to: out + written + 1, count: length)
    out[written + length + 1] = 0x22
    out[written + length + 2] = 0x3A
    buffer.advance(by: written + length + 3)
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
      let out = buffer.reserve(3)
      out[0] = 0x20; out[1] = 0x3A; out[2] = 0x20
      buffer.advance(by: 3)
    } else {
      buffer.append(0x3A)
    }
  }

  /// Members spelled once for every profile (see `ClosingMembers`), then the number that ends
  /// them; in compact output only, after at least one member of the open object.
  mutating func closing(_ members: ClosingMembers, _ number: Double) {
    precondition(!pretty && depth > 0 && arrayBits & bit == 0 && filledBits & bit != 0, "closing members out of place")
    #if DEBUG
    checkOrder("formula")
    lastKeys[lastKeys.count - 1] = "value"
    #endif
    append(members, number)
  }

  /// A whole score, `{"evidence":[…],"formula":…,"id":…,"value":…}`, as one value in compact output:
  /// profiles hold dozens of them, and their object bookkeeping cost more than their bytes.
  mutating func score(evidence: [Int], closing members: ClosingMembers, value number: Double) {
    precondition(!pretty, "scores are spelled in one piece only in compact output")
    beforeValue()
    let opening: StaticString = "{\"evidence\":"
    let out = buffer.reserve(opening.utf8CodeUnitCount)
    Self.copy(opening.utf8Start, to: out, count: opening.utf8CodeUnitCount)
    buffer.advance(by: opening.utf8CodeUnitCount)
    numbers(evidence)
    append(members, number)
    buffer.append(0x7D)
  }

  /// A profile's scores. Most are 0 without evidence, and each of those is one copy of bytes its
  /// name spelled in advance; the name is read without a retain (a score is written while its
  /// profile holds it). This sits here, not in `Profile.Score.write` as the all-zero index does in
  /// its own: written through `member(_:_:)`, each of the thirty-odd scores is copied out of the
  /// array first, which cost about 2% more instructions per short article.
  mutating func member(_ name: StaticString, scores: [Profile.Score]) {
    guard !pretty else { member(name, scores as [Profile.Score]); return }
    key(name)
    beginArray()
    let run = EmptyScoreRun.shared
    scores.withUnsafeBufferPointer { scores in
      /// Whether the score at `index` is 0 without evidence and named as the profile's score there
      /// always is: its bytes are then those of the run at the same place.
      func inRun(_ index: Int) -> Bool {
        index < run.names.count && scores[index].value == 0 && scores[index].evidence.isEmpty
          && scores[index].isNamed(run.names[index])
      }
      var index = 0
      while index < scores.count {
        if inRun(index) {
          var end = index + 1
          while end < scores.count && inRun(end) { end += 1 }
          beforeValue()
          buffer.append(UnsafeBufferPointer(rebasing: run.bytes[run.starts[index]..<run.ends[end - 1]]))
          index = end
          continue
        }
        let members = scores[index].nameReference
        let empty = scores[index].value == 0 && scores[index].evidence.isEmpty
          && members._withUnsafeGuaranteedRef { $0.isSpelled }
        if empty {
          beforeValue()
          members._withUnsafeGuaranteedRef { buffer.append($0.emptyScore) }
        } else {
          scores[index].write(to: &self)
        }
        index += 1
      }
    }
    endArray()
  }

  /// A whole value spelled in advance (`ClosingMembers.emptyIndex`), in compact output.
  mutating func spelledValue(_ bytes: UnsafeBufferPointer<UInt8>) {
    precondition(!pretty, "values are spelled in advance only for compact output")
    beforeValue()
    buffer.append(bytes)
  }

  /// An index's components, `{"name":number,…}`, with names spelled in advance (by `names`, one per
  /// entry, in the same order), as one value in compact output.
  mutating func components(_ map: LabelMap<Double>, names: ClosingMembers) {
    let ends = names.componentKeyEnds
    precondition(!pretty && ends.count == map.entries.count, "components spelled in advance out of place")
    beforeValue()
    buffer.append(0x7B)
    map.entries.withUnsafeBufferPointer { entries in
      for index in entries.indices {
        if index > 0 { buffer.append(0x2C) }
        let start = index == 0 ? 0 : ends[index - 1]
        buffer.append(UnsafeBufferPointer(rebasing: names.componentKeys[start..<ends[index]]))
        spell(entries[index].value)
      }
    }
    buffer.append(0x7D)
  }

  /// The spelled members and the number that ends them, inside an object (no comma bookkeeping).
  private mutating func append(_ members: ClosingMembers, _ number: Double) {
    precondition(members.isSpelled, "members of one article's name are not spelled in advance")
    buffer.append(members.closing)
    spell(number)
  }

  // MARK: - Values

  mutating func value(_ text: String) {
    beforeValue()
    quote(text)
  }

  /// A slice of a document is written from its UTF-16 units, without making a String of it.
  mutating func value(_ text: TextSlice) {
    beforeValue()
    guard let (units, start, end) = text.documentUnits else { quote(text.string); return }
    units.withUnsafeBufferPointer { all in
      let piece = UnsafeBufferPointer(rebasing: all[start..<end])
      // A sentence's text is written twice, with its voice finding and in the sentence list: the
      // second time it is copied from the first.
      guard piece.count >= ByteBuffer.rememberedLength else { quote(utf16: piece); return }
      if buffer.repeatWritten(piece) { return }
      let offset = buffer.count
      quote(utf16: piece)
      buffer.remember(piece, of: units, offset: offset)
    }
  }

  mutating func value(_ number: Int) {
    beforeValue()
    let out = buffer.reserve(20)
    buffer.advance(by: Self.spell(number, at: out))
  }

  /// Writes a number in decimal at `out` (at most 20 bytes) and says how many bytes it took.
  @inline(__always)
  private static func spell(_ number: Int, at out: UnsafeMutablePointer<UInt8>) -> Int {
    guard number < 0 else { return spell(digitsOf: number.magnitude, at: out) }
    out[0] = 0x2D
    return 1 + spell(digitsOf: number.magnitude, at: out + 1)
  }

  /// Digits are written in place, last first, once their count is known; two per division.
  private static func spell(digitsOf number: UInt, at out: UnsafeMutablePointer<UInt8>) -> Int {
    var count = number < 10 ? 1 : number < 100 ? 2 : number < 1_000 ? 3 : number < 10_000 ? 4 : 5
    var rest = number / 100_000
    while rest > 0 {
      rest /= 10
      count += 1
    }
    var magnitude = number
    var position = count
    while position > 1 {
      let pair = UInt8(truncatingIfNeeded: magnitude % 100)
      magnitude /= 100
      position -= 2
      out[position] = 0x30 + pair / 10
      out[position + 1] = 0x30 + pair % 10
    }
    if position == 1 { out[0] = 0x30 + UInt8(truncatingIfNeeded: magnitude) }
    return count
  }

  /// Swift's shortest round-trip spelling of a number. Profile values are rounded to four decimals
  /// (`JSONOutput.round`); such a number is spelled here without building a String: its four-decimal
  /// form is the shortest that reads back as the same Double (`JSONWriterTests` holds the two equal).
  mutating func value(_ number: Double) {
    beforeValue()
    spell(number)
  }

  private mutating func spell(_ number: Double) {
    guard number.isFinite else { spell(0.0); return }
    // Whole numbers are spelled as integers (checked by conversion, without calling libm's round).
    if abs(number) < 1e15 && Double(Int(number)) == number {
      buffer.advance(by: Self.spell(Int(number), at: buffer.reserve(20)))
      return
    }
    let scaled = (number * 10_000).rounded()
    if abs(scaled) < 1e15 && scaled / 10_000 == number {
      let magnitude = UInt(abs(scaled))
      if number < 0 { buffer.append(0x2D) }
      buffer.advance(by: Self.spell(digitsOf: magnitude / 10_000, at: buffer.reserve(20)))
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

  @inline(__always) mutating func member(_ name: StaticString, _ text: String) { key(name); value(text) }
  @inline(__always) mutating func member(_ name: StaticString, _ text: TextSlice) { key(name); value(text) }
  @inline(__always) mutating func member(_ name: StaticString, _ number: Int) { key(name); value(number) }
  @inline(__always) mutating func member(_ name: StaticString, _ number: Double) { key(name); value(number) }
  @inline(__always) mutating func member(_ name: StaticString, _ flag: Bool) { key(name); value(flag) }

  @inline(__always) mutating func member(_ name: StaticString, ifPresent text: String?) {
    if let text { member(name, text) }
  }

  mutating func member(_ name: StaticString, _ numbers: [Int]) {
    key(name)
    guard !pretty else {
      beginArray()
      for number in numbers { value(number) }
      endArray()
      return
    }
    self.numbers(numbers)
  }

  private mutating func numbers(_ numbers: [Int]) {
    // Compact output: the whole list in one reservation (a number and its comma take at most 21
    // bytes); the brackets need no bookkeeping, as the list holds no containers.
    let out = buffer.reserve(2 + 21 * numbers.count)
    out[0] = 0x5B
    var written = 1
    for position in numbers.indices {
      if position > 0 {
        out[written] = 0x2C
        written += 1
      }
      written += Self.spell(numbers[position], at: out + written)
    }
    out[written] = 0x5D
    buffer.advance(by: written + 1)
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
    // Through a buffer pointer: each element is written in place rather than copied out (which
    // retains every string it holds).
    elements.withUnsafeBufferPointer { elements in
      for index in elements.indices { elements[index].write(to: &self) }
    }
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
    // Most articles' metadata has no extra fields: no list of entries to make and sort.
    guard !map.isEmpty else { endObject(); return }
    let entries = map.map { (name: verbatim ? $0.key : SnakeCase.shared.convert($0.key), value: $0.value) }.sorted { $0.name < $1.name }
    for entry in entries {
      key(dynamic: entry.name)
      write(&self, entry.value)
    }
    endObject()
  }

  // MARK: - Strings

  private mutating func quote(_ text: String) {
    let copied: Void? = text.utf8.withContiguousStorageIfAvailable { quote(utf8: $0) }
    if copied == nil { Array(text.utf8).withUnsafeBufferPointer { quote(utf8: $0) } }
  }

  /// UTF-16 as quoted UTF-8 in one pass, escaped as `escape` escapes bytes; lone surrogates become
  /// U+FFFD, as in `Document.string(fromUTF16:)`.
  private mutating func quote(utf16 units: UnsafeBufferPointer<UInt16>) {
    // Three bytes per unit at most, or six for an escaped control character; and the quotes.
    let room = 6 * units.count + 2
    let out = buffer.reserve(room)
    out[0] = 0x22
    let written = 1 + Document.transcode(units, into: UnsafeMutableBufferPointer(start: out + 1, count: room - 2), escaping: true) {
      byte, out in
      guard byte < 0x20 || byte == 0x22 || byte == 0x5C else {
        out.pointee = byte
        return 1
      }
      return Self.escape(byte, at: out)
    }
    out[written] = 0x22
    buffer.advance(by: written + 1)
  }

  /// Text that needs no escapes goes in one move, quotes included (see `needsEscapes`). Inlined with
  /// its test: profiles quote a few dozen short strings each.
  @inline(__always)
  private mutating func quote(utf8: UnsafeBufferPointer<UInt8>) {
    let count = utf8.count
    guard let base = utf8.baseAddress, count > 0 else {
      let out = buffer.reserve(2)
      out[0] = 0x22; out[1] = 0x22
      buffer.advance(by: 2)
      return
    }
    if Self.needsEscapes(base, count: count) {
      buffer.append(0x22)
      escape(utf8)
      buffer.append(0x22)
      return
    }
    let out = buffer.reserve(count + 2)
    out[0] = 0x22
    Self.copy(base, to: out + 1, count: count)
    out[count + 1] = 0x22
    buffer.advance(by: count + 2)
  }

  /// Copies a few bytes with two overlapping loads and stores of one width instead of a call to
  /// memmove: names and many values are short. Longer runs go to memmove.
  @inline(__always)
  private static func copy(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int) {
    let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
    switch count {
    case 17...: target.update(from: source, count: count)
    case 8...:
      let head = from.loadUnaligned(as: UInt64.self), tail = from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
      to.storeBytes(of: head, as: UInt64.self)
      to.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
    case 4...:
      let head = from.loadUnaligned(as: UInt32.self), tail = from.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
      to.storeBytes(of: head, as: UInt32.self)
      to.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
    case 2...:
      let head = from.loadUnaligned(as: UInt16.self), tail = from.loadUnaligned(fromByteOffset: count - 2, as: UInt16.self)
      to.storeBytes(of: head, as: UInt16.self)
      to.storeBytes(of: tail, toByteOffset: count - 2, as: UInt16.self)
    case 1: target[0] = source[0]
    default: break
    }
  }

  /// Whether text holds a control character, a quote or a backslash. Sixteen bytes at a time; the last
  /// (possibly overlapping) sixteen or eight cover the rest, and two overlapping fours a text of four to
  /// seven bytes (names and labels mostly are), so only texts shorter than four bytes are looked at
  /// byte by byte.
  @inline(__always)
  private static func needsEscapes(_ base: UnsafePointer<UInt8>, count: Int) -> Bool {
    let bytes = UnsafeRawPointer(base)
    if count >= 16 {
      let space = SIMD16<UInt8>(repeating: 0x20), quote = SIMD16<UInt8>(repeating: 0x22)
      let backslash = SIMD16<UInt8>(repeating: 0x5C)
      var index = 0
      while true {
        let chunk = bytes.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
        if any((chunk .< space) .| (chunk .== quote) .| (chunk .== backslash)) { return true }
        if index + 16 >= count { return false }
        index = min(index + 16, count - 16)
      }
    }
    if count >= 8 {
      return needsEscapes(bytes.loadUnaligned(as: UInt64.self)) || needsEscapes(bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
    }
    if count >= 4 {
      let head = bytes.loadUnaligned(as: UInt32.self), tail = bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
      return needsEscapes(UInt64(head) | UInt64(tail) << 32)
    }
    for index in 0..<count where base[index] < 0x20 || base[index] == 0x22 || base[index] == 0x5C { return true }
    return false
  }

  /// Whether any of eight bytes is a control character, a quote or a backslash (the bytewise
  /// "has less than" and "has zero" tests).
  @inline(__always)
  private static func needsEscapes(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
    let controls = (word &- ones &* 0x20) & ~word & highs
    let quotes = ((word ^ (ones &* 0x22)) &- ones) & ~(word ^ (ones &* 0x22)) & highs
    let backslashes = ((word ^ (ones &* 0x5C)) &- ones) & ~(word ^ (ones &* 0x5C)) & highs
    return controls | quotes | backslashes != 0
  }

  /// Text with something to escape, written into room for the worst case (six bytes per byte).
  private mutating func escape(_ utf8: UnsafeBufferPointer<UInt8>) {
    let out = buffer.reserve(utf8.count * 6)
    var written = 0
    for byte in utf8 {
      guard byte < 0x20 || byte == 0x22 || byte == 0x5C else {
        out[written] = byte
        written += 1
        continue
      }
      written += Self.escape(byte, at: out + written)
    }
    buffer.advance(by: written)
  }

  /// Writes the escape of a quote, a backslash or a control character at `out` (room for six bytes)
  /// and says how many bytes it took.
  @inline(__always)
  private static func escape(_ byte: UInt8, at out: UnsafeMutablePointer<UInt8>) -> Int {
    out[0] = 0x5C
    switch byte {
    case 0x22, 0x5C: out[1] = byte
    case 0x0A: out[1] = 0x6E
    case 0x0D: out[1] = 0x72
    case 0x09: out[1] = 0x74
    default:
      // \u00XX, lowercase hex; a control character's high digit is 0 or 1.
      let low = byte & 0x0F
      out[1] = 0x75; out[2] = 0x30; out[3] = 0x30
      out[4] = 0x30 + (byte >> 4)
      out[5] = low < 10 ? 0x30 + low : 0x57 + low
      return 6
    }
    return 2
  }
}

/// The writer's output: a growing block of bytes written through a pointer (appending to an array
/// checks uniqueness and capacity per byte, which showed in profiles of JSON output). It can start
/// in room lent by the caller (an array's uninitialized storage), so that output that fits is never
/// copied; output that outgrows it moves to storage of its own.
final class ByteBuffer {
  private var base: UnsafeMutablePointer<UInt8>
  private var capacity: Int
  private(set) var count = 0
  private var ownsStorage = true
  /// Long UTF-16 pieces already written as quoted text, in order: where they start and their count,
  /// and where their output starts and ends (see `repeatWritten`).
  /// (Each keeps its units' array, so that no other array can take its place at the same address
  /// while the writer lives.)
  private var written: [(units: UnsafePointer<UInt16>, count: Int, start: Int, end: Int, array: [UInt16])] = []
  private var nextWritten = 0
  static let rememberedLength = 24

  init(capacity: Int) {
    self.capacity = max(capacity, 64)
    base = .allocate(capacity: self.capacity)
  }

  /// Forgets what was written, keeping the room (at most `keptCapacity` of it).
  func empty() {
    count = 0
    written.removeAll(keepingCapacity: true)
    nextWritten = 0
    if capacity > Self.keptCapacity && ownsStorage {
      base.deallocate()
      capacity = Self.keptCapacity
      base = .allocate(capacity: capacity)
    }
  }

  static let keptCapacity = 1 << 20

  /// What is written so far.
  var bytesWritten: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

  init(lending room: UnsafeMutableBufferPointer<UInt8>) {
    guard let start = room.baseAddress, !room.isEmpty else { preconditionFailure("no room lent") }
    base = start
    capacity = room.count
    ownsStorage = false
    // A profile's sentences are remembered as they are written (most are long enough).
    written.reserveCapacity(16)
  }

  deinit { if ownsStorage { base.deallocate() } }

  var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

  /// How many bytes are in the lent room, or nil once they have outgrown it.
  var countInLentRoom: Int? { ownsStorage ? nil : count }

  /// Room for `extra` more bytes, and where they go: the writer fills them and then `advance`s.
  @inline(__always)
  func reserve(_ extra: Int) -> UnsafeMutablePointer<UInt8> {
    if count + extra > capacity { grow(to: count + extra) }
    return base + count
  }

  @inline(__always)
  func advance(by written: Int) { count += written }

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

  /// Notes that the quoted text of `units` went out from `offset` to the end of what is written.
  func remember(_ units: UnsafeBufferPointer<UInt16>, of array: [UInt16], offset: Int) {
    guard let start = units.baseAddress else { return }
    written.append((start, units.count, offset, count, array))
  }

  /// Writes again the output of the same units written before, if they were; pieces come back in
  /// the order they first went out, so the search starts after the last one repeated.
  func repeatWritten(_ units: UnsafeBufferPointer<UInt16>) -> Bool {
    guard let start = units.baseAddress else { return false }
    var index = nextWritten
    while index < written.count && index < nextWritten + 8 {
      let piece = written[index]
      if piece.units == start && piece.count == units.count {
        let length = piece.end - piece.start
        let out = reserve(length)
        out.update(from: base + piece.start, count: length)
        count += length
        nextWritten = index + 1
        return true
      }
      index += 1
    }
    return false
  }

  private func grow(to needed: Int) {
    var newCapacity = capacity * 2
    while newCapacity < needed { newCapacity *= 2 }
    let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    grown.update(from: base, count: count)
    if ownsStorage { base.deallocate() }
    ownsStorage = true
    base = grown
    capacity = newCapacity
  }
}

/// The scores every profile begins with, each 0 without evidence, spelled end to end with commas
/// between them: most scores of most articles are so, and a run of them is written as one copy.
final class EmptyScoreRun: @unchecked Sendable {
  static let shared = EmptyScoreRun(ScoreSheet.spelledNames)

  let names: [ClosingMembers]
  let bytes: UnsafeBufferPointer<UInt8>
  /// Where each score's bytes start and end in `bytes`.
  let starts: [Int]
  let ends: [Int]

  init(_ names: [ClosingMembers]) {
    self.names = names
    var bytes: [UInt8] = [], starts: [Int] = [], ends: [Int] = []
    for name in names {
      if !bytes.isEmpty { bytes.append(0x2C) }
      starts.append(bytes.count)
      bytes += name.emptyScore
      ends.append(bytes.count)
    }
    self.bytes = ClosingMembers.kept(bytes)
    self.starts = starts
    self.ends = ends
  }

  deinit { bytes.deallocate() }
}

/// The `formula` and `id` of a score or an index, and, for those every profile has, the members
/// they close it with in compact JSON (`,"formula":"…","id":"…","value":`), spelled once instead of
/// being quoted again for every article. Scores and indices take their formula and id from here.
///
/// The spelled bytes live in memory this object owns rather than in arrays: a profile writes dozens
/// of them, and reading an array out of a class retains and releases its storage every time.
final class ClosingMembers: @unchecked Sendable {
  let formula: String
  let id: String
  /// An index's component names, in name order.
  let componentNames: [String]
  /// `,"formula":"…","id":"…","value":`; empty for a name made for one article (an entity's, a
  /// naming side's), which is spelled when written.
  let closing: UnsafeBufferPointer<UInt8>
  /// The whole score when its value is 0 and it has no evidence, as most scores of most articles:
  /// `{"evidence":[],"formula":"…","id":"…","value":0}`.
  let emptyScore: UnsafeBufferPointer<UInt8>
  /// The whole index when its value, evidence and components are all 0 or empty, as most indices of
  /// short articles: `{"components":{"a":0,…},"evidence":[],"formula":"…","id":"…","value":0}`;
  /// empty for a score's name.
  let emptyIndex: UnsafeBufferPointer<UInt8>
  /// Each component name spelled as a member name (`"name":`), end to end, and where each ends.
  let componentKeys: UnsafeBufferPointer<UInt8>
  let componentKeyEnds: UnsafeBufferPointer<Int>

  var isSpelled: Bool { !closing.isEmpty }

  init(formula: String, id: String, spelled: Bool = true, componentNames: [String] = []) {
    precondition(zip(componentNames, componentNames.dropFirst()).allSatisfy { $0 < $1 }, "component names out of order")
    self.formula = formula
    self.id = id
    self.componentNames = componentNames
    // Each name as a member name; and all of them with 0, as an index with nothing to show has them.
    var keys: [UInt8] = [], ends: [Int] = [], zeros: [UInt8] = []
    for name in componentNames {
      var json = JSONWriter(pretty: false)
      json.beginObject()
      json.key(dynamic: name)
      let key = json.bytes.dropFirst()
      keys += key
      ends.append(keys.count)
      zeros += (zeros.isEmpty ? [] : [0x2C]) + key + [0x30]
    }
    componentKeys = Self.kept(keys)
    componentKeyEnds = Self.kept(ends)
    guard spelled else {
      closing = Self.kept([])
      emptyScore = Self.kept([])
      emptyIndex = Self.kept([])
      return
    }
    var json = JSONWriter(pretty: false)
    json.beginObject()
    json.member("formula", formula)
    json.member("id", id)
    json.key("value")
    // Without the opening brace, and with the comma that follows the member before them.
    let members = [0x2C] + json.bytes.dropFirst()
    closing = Self.kept(members)
    emptyScore = Self.kept(Array("{\"evidence\":[]".utf8) + members + Array("0}".utf8))
    emptyIndex = Self.kept(componentNames.isEmpty ? []
      : Array("{\"components\":{".utf8) + zeros + Array("},\"evidence\":[]".utf8) + members + Array("0}".utf8))
  }

  deinit {
    closing.deallocate()
    emptyScore.deallocate()
    emptyIndex.deallocate()
    componentKeys.deallocate()
    componentKeyEnds.deallocate()
  }

  /// A copy in memory of its own; nothing is allocated for none (a name made for one article spells
  /// nothing), and freeing a buffer without a base address does nothing.
  static func kept<Element>(_ elements: [Element]) -> UnsafeBufferPointer<Element> {
    guard !elements.isEmpty else { return UnsafeBufferPointer(start: nil, count: 0) }
    let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: elements.count)
    _ = buffer.initialize(from: elements)
    return UnsafeBufferPointer(buffer)
  }
}

/// A type that writes itself with `JSONWriter`, members in sorted order.
protocol JSONWritable {
  func write(to json: inout JSONWriter)
}
