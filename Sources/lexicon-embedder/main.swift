import Foundation

// Writes a Swift file holding every YAML file under a lexicon folder, and the profile JSON Schema,
// as raw string literals.
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
try source.write(to: URL(fileURLWithPath: arguments[3]), atomically: true, encoding: .utf8)
