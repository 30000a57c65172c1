import Foundation

/// Writes files so that a reader never sees half of one: write a temporary file next to the target,
/// then rename it into place.
public enum AtomicFile {
  public static func write(_ text: String, to url: URL) throws {
    let directory = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    try Data(text.utf8).write(to: temporary)
    if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
    try FileManager.default.moveItem(at: temporary, to: url)
  }

  /// A file name for an article id: letters, digits, '.', '-' and '_' kept, anything else replaced,
  /// with a short hash of the id added when something was replaced, so distinct ids never collide
  /// and no id can leave the output folder.
  public static func safeName(for id: String) -> String {
    var name = ""
    var changed = false
    for scalar in id.unicodeScalars {
      if scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_") || (scalar == "." && !name.isEmpty) {
        name.unicodeScalars.append(scalar)
      } else {
        name.append("_")
        changed = true
      }
    }
    if name.isEmpty || name.count > 120 { changed = true }
    name = String(name.prefix(120))
    return changed ? name + "-" + SHA256.hex(Array(id.utf8)).prefix(10) : name
  }
}
