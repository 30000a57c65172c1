import ArgumentParser
import FramingKit

/// Metadata for article files from a JSONL file.
struct MetadataOptions: ParsableArguments {
  @Option(help: "A JSONL file of article metadata (id or file, title, outlet, published, url, language, byline).")
  var metadata: String?

  /// The metadata file, or exit 1 with its one-line error.
  func load() throws -> MetadataFile? {
    do { return try metadata.map { try MetadataFile(path: $0) } } catch {
      Console.error("\(error)")
      throw ExitCode(1)
    }
  }
}
