import Yams

/// A YAML node as the lexicon loader reads it: a scalar, a sequence or a mapping, with the line and
/// column where it starts (1-based, as Yams counts them), so every problem can point at its value.
final class LexiconNode {
  enum Value {
    case scalar(String)
    case sequence([LexiconNode])
    case mapping([(key: LexiconNode, value: LexiconNode)])
  }

  let value: Value
  let line: Int
  let column: Int

  init(_ value: Value, line: Int, column: Int) {
    self.value = value
    self.line = line
    self.column = column
  }

  var string: String? { if case .scalar(let text) = value { text } else { nil } }
  var sequence: [LexiconNode]? { if case .sequence(let items) = value { items } else { nil } }
  var mapping: LexiconMapping? { if case .mapping(let pairs) = value { LexiconMapping(pairs: pairs) } else { nil } }

  /// Numbers and booleans are read by Yams's own constructors, so both parsers agree on what
  /// "yes", "0x10" or "1e3" mean.
  var int: Int? { string.flatMap { Node($0).int } }
  var float: Double? { string.flatMap { Node($0).float } }
  var bool: Bool? { string.flatMap { Node($0).bool } }

  /// Parses a lexicon file: with the fast reader when the text keeps to the plain block style the
  /// lexicons are written in, else with Yams (which also gives the syntax errors).
  static func parse(_ contents: String) throws -> LexiconNode? {
    if let node = LexiconYAMLReader.read(contents) { return node }
    return try Yams.compose(yaml: contents, .basic).map(LexiconNode.init(yams:))
  }

  /// The same tree from a Yams node.
  convenience init(yams node: Node) {
    let mark = node.mark
    let line = mark?.line ?? 1, column = mark?.column ?? 1
    switch node {
    case .scalar(let scalar): self.init(.scalar(node.string ?? scalar.string), line: line, column: column)
    case .sequence(let items): self.init(.sequence(items.map(LexiconNode.init(yams:))), line: line, column: column)
    case .mapping(let pairs):
      self.init(.mapping(pairs.map { (LexiconNode(yams: $0.key), LexiconNode(yams: $0.value)) }), line: line, column: column)
    case .alias: self.init(.scalar(""), line: line, column: column)
    }
  }
}

/// A mapping's pairs in file order; looking a key up takes the first pair with that key.
struct LexiconMapping: Sequence {
  let pairs: [(key: LexiconNode, value: LexiconNode)]

  subscript(_ name: String) -> LexiconNode? { pairs.first { $0.key.string == name }?.value }

  func makeIterator() -> IndexingIterator<[(key: LexiconNode, value: LexiconNode)]> { pairs.makeIterator() }
}

/// Reads the subset of YAML the lexicons use (block mappings and sequences, flow sequences of
/// scalars on one line, plain and quoted scalars, comments) straight into `LexiconNode`s; it returns
/// nil at anything else, and Yams reads the file instead. Composing through Yams was most of
/// start-up; `LexiconYAMLTests` holds the two readers to the same trees on every shipped file.
struct LexiconYAMLReader {
  private let bytes: [UInt8]
  private var lineStarts: [Int] = []
  /// Where each line's text ends (its newline, or the end of the text).
  private var lineEnds: [Int] = []
  private var line = 0

  private struct Unsupported: Error {}

  static func read(_ contents: String) -> LexiconNode? {
    let bytes = Array(contents.utf8)
    if bytes.contains(0x0D) || bytes.contains(0x09) { return nil }
    var reader = LexiconYAMLReader(bytes: bytes)
    return try? reader.document()
  }

  /// The 1-based column of a byte, counted in characters as Yams counts them. Nodes of a line are
  /// read left to right, so the count goes on from the last one asked for on the same line.
  private func column(at position: Int) -> Int {
    var (from, count) = (lineStarts[line], 1)
    if columns.line == line && columns.position <= position { (from, count) = (columns.position, columns.column) }
    for index in from..<position where bytes[index] & 0xC0 != 0x80 { count += 1 }
    columns.line = line
    columns.position = position
    columns.column = count
    return count
  }

  /// The last column computed (a class, so that reading values need not be mutating).
  private final class ColumnCache {
    var line = -1
    var position = 0
    var column = 1
  }

  private let columns = ColumnCache()

  private init(bytes: [UInt8]) {
    self.bytes = bytes
    var start = 0
    for (index, byte) in bytes.enumerated() where byte == 0x0A {
      lineStarts.append(start)
      lineEnds.append(index)
      start = index + 1
    }
    if start < bytes.count {
      lineStarts.append(start)
      lineEnds.append(bytes.count)
    }
  }

  // MARK: - Lines

  private func end(of line: Int) -> Int { lineEnds[line] }

  /// Indentation of a line, or nil for a blank or comment-only line.
  private func indentation(_ line: Int) throws -> Int? {
    var position = lineStarts[line]
    let end = end(of: line)
    while position < end && bytes[position] == 0x20 { position += 1 }
    if position == end || bytes[position] == 0x23 { return nil }
    if bytes[position] == 0x09 || bytes[position] == 0x0D { throw Unsupported() }
    return position - lineStarts[line]
  }

  /// Moves to the next line with content; false at the end.
  private mutating func skipBlank() throws -> Bool {
    while line < lineStarts.count {
      if try indentation(line) != nil { return true }
      line += 1
    }
    return false
  }

  // MARK: - Blocks

  private mutating func document() throws -> LexiconNode? {
    guard try skipBlank() else { return nil }
    let first = lineStarts[line]
    if bytes[first] == 0x2D && bytes.count > first + 2 && bytes[first + 1] == 0x2D && bytes[first + 2] == 0x2D { throw Unsupported() }
    guard try indentation(line) == 0 else { throw Unsupported() }
    let node = try block(indent: 0)
    if try skipBlank() { throw Unsupported() }
    return node
  }

  /// A block mapping or sequence whose lines start at `indent`.
  private mutating func block(indent: Int) throws -> LexiconNode {
    let start = lineStarts[line] + indent
    if bytes[start] == 0x2D && (start + 1 == end(of: line) || bytes[start + 1] == 0x20) { return try sequence(indent: indent) }
    return try mapping(indent: indent, firstKeyAt: start)
  }

  private mutating func sequence(indent: Int) throws -> LexiconNode {
    let node = (line: line + 1, column: indent + 1)
    var items: [LexiconNode] = []
    while try skipBlank(), let current = try indentation(line), current == indent {
      let dash = lineStarts[line] + indent
      guard bytes[dash] == 0x2D, dash + 1 == end(of: line) || bytes[dash + 1] == 0x20 else { break }
      var content = dash + 1
      while content < end(of: line) && bytes[content] == 0x20 { content += 1 }
      if content == end(of: line) || bytes[content] == 0x23 { throw Unsupported() }
      if let colon = keyEnd(from: content) {
        items.append(try mapping(indent: content - lineStarts[line], firstKeyAt: content, firstColon: colon))
      } else {
        let (scalar, after) = try inlineValue(at: content)
        try expectLineEnd(from: after)
        items.append(scalar)
        line += 1
      }
    }
    if try skipBlank(), let current = try indentation(line), current > indent { throw Unsupported() }
    return LexiconNode(.sequence(items), line: node.line, column: node.column)
  }

  private mutating func mapping(indent: Int, firstKeyAt first: Int, firstColon: Int? = nil) throws -> LexiconNode {
    let node = (line: line + 1, column: column(at: first))
    var pairs: [(key: LexiconNode, value: LexiconNode)] = []
    var keyStart = first
    var colon = firstColon
    while true {
      guard let keyEnd = colon ?? keyEnd(from: keyStart) else { throw Unsupported() }
      let key = LexiconNode(.scalar(String(decoding: bytes[keyStart..<keyEnd], as: UTF8.self)), line: line + 1,
                            column: column(at: keyStart))
      var valueStart = keyEnd + 1
      while valueStart < end(of: line) && bytes[valueStart] == 0x20 { valueStart += 1 }
      if valueStart == end(of: line) || bytes[valueStart] == 0x23 {
        // The value is a block on the lines below: more indented, or a sequence at the key's indentation.
        line += 1
        guard try skipBlank(), let below = try indentation(line) else { throw Unsupported() }
        let belowStart = lineStarts[line] + below
        let isSequence = bytes[belowStart] == 0x2D && (belowStart + 1 == end(of: line) || bytes[belowStart + 1] == 0x20)
        guard below > indent || (below == indent && isSequence) else { throw Unsupported() }
        pairs.append((key, try block(indent: below)))
      } else {
        let (value, after) = try inlineValue(at: valueStart)
        try expectLineEnd(from: after)
        pairs.append((key, value))
        line += 1
      }
      guard try skipBlank(), let next = try indentation(line), next == indent else { break }
      keyStart = lineStarts[line] + indent
      if bytes[keyStart] == 0x2D { break }
      colon = nil
    }
    if try skipBlank(), let next = try indentation(line), next > indent { throw Unsupported() }
    return LexiconNode(.mapping(pairs), line: node.line, column: node.column)
  }

  /// The colon ending a plain key (letters, digits, '_' and '-') that starts at `position`, if any.
  private func keyEnd(from position: Int) -> Int? {
    var index = position
    let end = end(of: line)
    while index < end {
      let byte = bytes[index]
      if byte == 0x3A { return index > position && (index + 1 == end || bytes[index + 1] == 0x20) ? index : nil }
      let isKeyByte = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
        || byte == 0x5F || byte == 0x2D
      if !isKeyByte { return nil }
      index += 1
    }
    return nil
  }

  private func expectLineEnd(from position: Int) throws {
    var index = position
    let end = end(of: line)
    while index < end && bytes[index] == 0x20 { index += 1 }
    if index == end { return }
    guard bytes[index] == 0x23, index > position else { throw Unsupported() }
  }

  // MARK: - Values on one line

  private func node(_ value: LexiconNode.Value, at position: Int) -> LexiconNode {
    LexiconNode(value, line: line + 1, column: column(at: position))
  }

  private func inlineValue(at position: Int) throws -> (LexiconNode, Int) {
    switch bytes[position] {
    case 0x5B: return try flowSequence(at: position)
    case 0x22, 0x27: return try quoted(at: position)
    default: return try plain(at: position, inFlow: false)
    }
  }

  private func flowSequence(at position: Int) throws -> (LexiconNode, Int) {
    var items: [LexiconNode] = []
    var index = position + 1
    let end = end(of: line)
    func skipSpaces() { while index < end && bytes[index] == 0x20 { index += 1 } }
    skipSpaces()
    if index < end && bytes[index] == 0x5D { return (node(.sequence([]), at: position), index + 1) }
    while true {
      skipSpaces()
      guard index < end else { throw Unsupported() }
      let (item, after) = bytes[index] == 0x22 || bytes[index] == 0x27 ? try quoted(at: index) : try plain(at: index, inFlow: true)
      items.append(item)
      index = after
      skipSpaces()
      guard index < end else { throw Unsupported() }
      if bytes[index] == 0x5D { return (node(.sequence(items), at: position), index + 1) }
      guard bytes[index] == 0x2C else { throw Unsupported() }
      index += 1
    }
  }

  private func quoted(at position: Int) throws -> (LexiconNode, Int) {
    let quote = bytes[position]
    let end = end(of: line)
    // Most quoted scalars hold no escape: they are their bytes.
    var close = position + 1
    while close < end && bytes[close] != quote && bytes[close] != 0x5C { close += 1 }
    if close < end && bytes[close] == quote && !(quote == 0x27 && close + 1 < end && bytes[close + 1] == 0x27) {
      return (node(.scalar(String(decoding: bytes[(position + 1)..<close], as: UTF8.self)), at: position), close + 1)
    }
    var text: [UInt8] = []
    text.reserveCapacity(close - position + 16)
    var index = position + 1
    while index < end {
      let byte = bytes[index]
      if byte == quote {
        if quote == 0x27 && index + 1 < end && bytes[index + 1] == 0x27 {
          text.append(0x27)
          index += 2
          continue
        }
        return (node(.scalar(String(decoding: text, as: UTF8.self)), at: position), index + 1)
      }
      if byte == 0x5C && quote == 0x22 {
        guard index + 1 < end else { throw Unsupported() }
        switch bytes[index + 1] {
        case 0x22: text.append(0x22)
        case 0x5C: text.append(0x5C)
        case 0x2F: text.append(0x2F)
        case 0x6E: text.append(0x0A)
        case 0x74: text.append(0x09)
        default: throw Unsupported()
        }
        index += 2
        continue
      }
      text.append(byte)
      index += 1
    }
    throw Unsupported()  // a quote running over the line end
  }

  /// A plain scalar: anything up to the line end, a comment or (in a flow sequence) ',' or ']',
  /// refused when it starts with an indicator or holds ": " (Yams would read such text differently).
  private func plain(at position: Int, inFlow: Bool) throws -> (LexiconNode, Int) {
    let first = bytes[position]
    if [0x5B, 0x5D, 0x7B, 0x7D, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x25, 0x40, 0x60, 0x23, 0x2C, 0x3F, 0x3A, 0x2D].contains(first) {
      throw Unsupported()
    }
    var index = position
    let end = end(of: line)
    var last = position
    while index < end {
      let byte = bytes[index]
      if byte == 0x3A && (index + 1 == end || bytes[index + 1] == 0x20 || (inFlow && [0x2C, 0x5D].contains(bytes[index + 1]))) {
        throw Unsupported()
      }
      if byte == 0x23 && bytes[index - 1] == 0x20 { break }
      if inFlow && (byte == 0x2C || byte == 0x5D || byte == 0x5B || byte == 0x7B || byte == 0x7D) { break }
      if byte != 0x20 { last = index + 1 }
      index += 1
    }
    return (node(.scalar(String(decoding: bytes[position..<last], as: UTF8.self)), at: position), last)
  }
}
