import Foundation
import FramingTestSupport
import Testing

/// Runs a Python checker script on a file and returns what it printed and its exit status.
func runScript(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", TestPaths.repo("Tests/Scripts/" + script).path] + arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  try process.run()
  let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  return (process.terminationStatus, output)
}

func temporaryFolder(_ name: String) -> URL {
  FileManager.default.temporaryDirectory.appendingPathComponent("framing-\(name)-\(UUID().uuidString)")
}

@Suite(.serialized) struct ReportCommandTests {
  static let seeds = ["seeds/000_bb3b193bc24b719b.txt", "seeds/004_266daebb3b7432db.txt"]

  @Test func articleReportsMatchTheirGoldenFilesAndRenderAsCommonMark() throws {
    let folder = temporaryFolder("articles")
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try FramingProcess.run(["analyze", "--metadata", "seeds/metadata.jsonl", "--format", "json,markdown", "--out", folder.path] + Self.seeds)
    #expect(result.status == 0, "\(result.stderr)")
    for id in ["000_bb3b193bc24b719b", "004_266daebb3b7432db"] {
      let page = try String(contentsOf: folder.appendingPathComponent(id + ".md"), encoding: .utf8)
      if let mismatch = Golden.mismatch(page, golden: "Tests/Golden/report/\(id).md") { Issue.record(Comment(rawValue: mismatch)) }
      let check = try runScript("check_markdown.py", [folder.appendingPathComponent(id + ".md").path])
      #expect(check.status == 0, "\(check.output)")
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(id + ".json").path))
    }
  }

  @Test func corpusSummaryAndComparisonMatchTheirGoldenFiles() throws {
    let folder = temporaryFolder("corpus")
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try FramingProcess.run(["analyze", "--metadata", "seeds/metadata.jsonl", "--format", "json", "--out", folder.path] + Self.seeds)
    let summary = try FramingProcess.run(["report", folder.path])
    #expect(summary.status == 0, "\(summary.stderr)")
    if let mismatch = Golden.mismatch(summary.stdout, golden: "Tests/Golden/report/summary.md") { Issue.record(Comment(rawValue: mismatch)) }
    let compare = try FramingProcess.run(["compare", "--metadata", "seeds/metadata.jsonl", Self.seeds[1], Self.seeds[0]])
    #expect(compare.status == 0, "\(compare.stderr)")
    if let mismatch = Golden.mismatch(compare.stdout, golden: "Tests/Golden/report/comparison.md") { Issue.record(Comment(rawValue: mismatch)) }
    // An editor learns who relays whom, in plain words, with quoted evidence.
    #expect(compare.stdout.contains("**A** is a near-complete relay of the words of Vladimir Putin and Alexander Lukashenko"))
    #expect(compare.stdout.contains("**B** mostly relays statements by Kremlin"))
    #expect(compare.stdout.contains("BelTA"))
    #expect(compare.stdout.contains("keeps some distance with its own markers: „rozwiązywaniu problemów” (scare-quote)"))
    for (name, text) in [("summary", summary.stdout), ("comparison", compare.stdout)] {
      let file = folder.appendingPathComponent(name + ".md")
      try text.write(to: file, atomically: true, encoding: .utf8)
      let check = try runScript("check_markdown.py", [file.path])
      #expect(check.status == 0, "\(check.output)")
    }
  }

  @Test func articleTextIsEscapedInReports() throws {
    let result = try FramingProcess.run(["analyze", "--format", "markdown", "--lang", "pl", "Tests/Fixtures/input/markdown-hostile.txt"])
    #expect(result.status == 0)
    let file = temporaryFolder("hostile").appendingPathExtension("md")
    try result.stdout.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let check = try runScript("check_markdown.py", [file.path, "--literal", "Putin | Łukaszenka *mówią* _razem_ `kod` <script>alert(1)</script>",
                                                    "--literal", "„rozmowa | była *owocna*”"])
    #expect(check.output.hasSuffix("tables ok\n"), "\(check.output)")
    #expect(!result.stdout.contains("<script>"))
  }

  @Test func reportNamesTheBrokenProfile() throws {
    let file = temporaryFolder("broken").appendingPathExtension("jsonl")
    try "{\"schema\": \"framing-profile/1\"}\n".write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let result = try FramingProcess.run(["report", file.path])
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix("error: \(file.path):1: not a framing profile (missing 'toolVersion')"))
  }

  @Test func formatsNeedAnOutputFolder() throws {
    let result = try FramingProcess.run(["analyze", "--format", "json,markdown", Self.seeds[0]])
    #expect(result.status == 64)
    #expect(result.stderr.contains("'--format json,markdown' needs '--out DIR' to write one file per format"))
  }
}
