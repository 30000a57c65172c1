import Foundation

/// Locations tests need: the package root and the built `framing` binary.
public enum TestPaths {
  /// The package root (three levels above this file).
  public static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  public static func repo(_ relative: String) -> URL { root.appendingPathComponent(relative) }

  /// The `framing` executable next to the test bundle in the build-products folder.
  public static var framingBinary: URL {
    let products = Bundle.main.bundleURL.deletingLastPathComponent()
    for candidate in [products.appendingPathComponent("framing"), Bundle.main.bundleURL.appendingPathComponent("framing"),
                      root.appendingPathComponent(".build/debug/framing")] where FileManager.default.isExecutableFile(atPath: candidate.path) {
      return candidate
    }
    return root.appendingPathComponent(".build/debug/framing")
  }
}
