import CICU
import Foundation

// Writes a Swift file holding every YAML file under a lexicon folder and the profile JSON Schema,
// as raw string literals, and ICU's case folding, Any-Latin and Latin-ASCII of single units (the
// key folder's unit tables: opening ICU's transliterators costs more than all the rest of start-up).
// Usage: lexicon-embedder LEXICON_DIR SCHEMA.json OUTPUT.swift
let arguments = CommandLine.arguments
guard arguments.count == 4 else {
  FileHandle.standardError.write(Data("usage: lexicon-embedder LEXICON_DIR SCHEMA.json OUTPUT.swift\n".utf8))
  exit(64)
}

/// A raw string literal that holds `contents` exactly, whatever quotes and hashes it contains.
func literal(_ contents: String) -> String {
  var hashes = "#"
  while contents.contains("\"" + hashes) { hashes += "#" }
  return "\(hashes)\"\"\"\n\(contents)\n\"\"\"\(hashes)"
}
let root = URL(fileURLWithPath: arguments[1])
var paths: [String] = []
if let enumerator = FileManager.default.enumerator(atPath: root.path) {
  while let path = enumerator.nextObject() as? String {
    if path.hasSuffix(".yaml") { paths.append(path) }
  }
}
paths.sort()
var source = "// Generated at build time from lexicons/; do not edit.\n"
source += "enum EmbeddedLexicons {\n  static let files: [(path: String, contents: String)] = [\n"
for path in paths {
  guard let contents = try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8) else {
    FileHandle.standardError.write(Data("\(root.path)/\(path): not UTF-8 text\n".utf8))
    exit(65)
  }
  source += "    (\"\(path)\", \(literal(contents))),\n"
}
source += "  ]\n}\n"
guard let schema = try? String(contentsOf: URL(fileURLWithPath: arguments[2]), encoding: .utf8) else {
  FileHandle.standardError.write(Data("\(arguments[2]): cannot be read\n".utf8))
  exit(65)
}
source += "\nenum EmbeddedSchema {\n  static let profile = \(literal(schema))\n}\n"

/// Every unit the tables cover, each mapped as ICU maps it alone; written as hex units joined by
/// "." per unit, units separated by " " ("-" for a unit that maps to nothing).
let covered = Array(UInt16(0x80)..<0x0530) + Array(UInt16(0x1E00)...0x1EFF) + Array(UInt16(0x2010)...0x2027)
func call(_ body: (UnsafeMutablePointer<UInt16>, Int32) -> Int32, input: [UInt16]) -> [UInt16] {
  var capacity = 64
  while true {
    var buffer = input + [UInt16](repeating: 0, count: capacity - input.count)
    let length = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!, Int32(capacity)) }
    if length >= 0 { return Array(buffer[..<Int(length)]) }
    guard length != Int32.min else {
      FileHandle.standardError.write(Data("ICU failed on U+\(String(input[0], radix: 16))\n".utf8))
      exit(70)
    }
    capacity = Int(-length) + 8
  }
}
func lowercased(_ units: [UInt16]) -> [UInt16] { Array(String(decoding: units, as: UTF16.self).lowercased().utf16) }
func table(_ map: (UInt16) -> [UInt16]) -> String {
  covered.map { unit in
    let made = map(unit)
    return made.isEmpty ? "-" : made.map { String($0, radix: 16) }.joined(separator: ".")
  }.joined(separator: " ")
}
guard let anyToLatin = cicu_transliterator_open("Any-Latin"), let latinToASCII = cicu_transliterator_open("Latin-ASCII") else {
  FileHandle.standardError.write(Data("ICU has no Any-Latin or Latin-ASCII transliterator\n".utf8))
  exit(70)
}
let fold = table { unit in call({ out, capacity in [unit].withUnsafeBufferPointer { cicu_fold_case($0.baseAddress, 1, out, capacity) } }, input: []) }
let latin = table { unit in lowercased(call({ cicu_transliterate(anyToLatin, $0, 1, $1) }, input: [unit])) }
let ascii = table { unit in lowercased(call({ cicu_transliterate(latinToASCII, $0, 1, $1) }, input: [unit])) }
source += """

enum EmbeddedUnitTables {
  static let fold = "\(fold)"
  static let latin = "\(latin)"
  static let ascii = "\(ascii)"
}

"""
try source.write(to: URL(fileURLWithPath: arguments[3]), atomically: true, encoding: .utf8)
