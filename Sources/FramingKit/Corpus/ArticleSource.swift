import Foundation

/// Reads one input (a file path, or "-" for standard input) into a `Document`.
public struct ArticleSource {
  public let path: String

  public init(path: String) { self.path = path }

  /// The article id: the file name without its extension, or "stdin".
  public var id: String {
    path == "-" ? "stdin" : URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
  }

  public func read(decoder: TextDecoder, metadata: ArticleMetadata = ArticleMetadata()) throws(TextError) -> Document {
    let bytes: [UInt8]
    if path == "-" {
      bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
    } else {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw .unreadable(file: path, reason: "no such file")
      }
      if isDirectory.boolValue { throw .unreadable(file: path, reason: "it is a directory; pass the files inside it") }
      guard let data = FileManager.default.contents(atPath: path) else {
        throw .unreadable(file: path, reason: "permission denied or I/O error")
      }
      bytes = Array(data)
    }
    return try decoder.decode(bytes, name: path == "-" ? "<stdin>" : path, id: id, metadata: metadata)
  }
}
