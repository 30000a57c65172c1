// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "framing",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "FramingKit", targets: ["FramingKit"]),
    .executable(name: "framing", targets: ["framing"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
  ],
  targets: [
    .target(
      name: "CICU",
      linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
    ),
    .target(name: "CDigest", linkerSettings: [.linkedLibrary("crypto")]),
    .target(name: "CMemory"),
    .target(
      name: "CHTML",
      cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])],
      linkerSettings: [.linkedLibrary("xml2")]
    ),
    .executableTarget(name: "lexicon-embedder", dependencies: ["CICU"], path: "Sources/lexicon-embedder"),
    .plugin(name: "EmbedLexicons", capability: .buildTool(), dependencies: ["lexicon-embedder"]),
    .target(
      name: "FramingKit",
      dependencies: ["CICU", "CHTML", "CDigest", "CMemory", "Yams"],
      // Hot loops index arrays held by per-worker classes (key tables, caches); each worker owns its
      // own, so run-time exclusivity checks only cost time there.
      swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])],
      plugins: ["EmbedLexicons"]
    ),
    .executableTarget(
      name: "framing",
      dependencies: ["FramingKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      // mimalloc replaces the C library's malloc for the whole process: the analysis makes many small,
      // short-lived allocations (keys, findings, strings), where glibc's allocator costs the most.
      linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
    ),
    .target(name: "FramingTestSupport", dependencies: ["FramingKit"]),
    .testTarget(name: "FramingKitTests", dependencies: ["FramingKit", "FramingTestSupport"]),
    .testTarget(name: "FramingCLITests", dependencies: ["FramingKit", "FramingTestSupport"]),
  ],
  swiftLanguageModes: [.v5]
)
