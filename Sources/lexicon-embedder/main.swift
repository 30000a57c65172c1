import Foundation

// Writes a Swift file holding every YAML file under a lexicon folder as a raw string literal.
// Usage: lexicon-embedder LEXICON_DIR OUTPUT.swift
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
  FileHandle.standardError.write(Data("usage: lexicon-embedder LEXICON_DIR OUTPUT.swift\n".utf8))
  exit(64)
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
  var hashes = "#"
  while contents.contains("\"\"\"" + hashes) || contents.contains("\"" + hashes) { hashes += "#" }
  source += "    (\"\(path)\", \(hashes)\"\"\"\n\(contents)\n\"\"\"\(hashes)),\n"
}
source += "  ]\n}\n"
try source.write(to: URL(fileURLWithPath: arguments[2]), atomically: true, encoding: .utf8)
