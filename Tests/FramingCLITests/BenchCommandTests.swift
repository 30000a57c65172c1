import Foundation
import FramingTestSupport
import Testing

/// `framing bench` measures every language file of a folder against ICU in one run and prints one
/// row per file and an overall row with the ratio (c)/(a); the figures vary, the table's shape does not.
@Suite struct BenchCommandTests {
  @Test func printsOneRowPerFileAndTheOverallRatio() throws {
    let result = try FramingProcess.run(["bench", "Tests/Fixtures/bench"])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "| input | MB | articles | (a) ICU MB/s | (b) text layer MB/s | (c) full analysis MB/s | (c) articles/s | JSON share of (c) | (c)/(a) |")
    let rows = lines.filter { $0.hasPrefix("| de.txt") || $0.hasPrefix("| pl.txt") || $0.hasPrefix("| overall") }
    #expect(rows.map { $0.split(separator: "|")[0].trimmingCharacters(in: .whitespaces) } == ["de.txt", "pl.txt", "overall"])
    // Articles are split at blank lines: two German, three Polish.
    #expect(rows.map { $0.split(separator: "|")[2].trimmingCharacters(in: .whitespaces) } == ["2", "3", "5"])
    let ratio = Double(rows[2].split(separator: "|")[8].trimmingCharacters(in: .whitespaces)) ?? 0
    #expect(ratio > 0 && ratio < 1)
    #expect(lines.last?.hasPrefix("peak memory: ") == true)
  }

  @Test func aFolderWithoutTextFilesIsAUsageError() throws {
    let result = try FramingProcess.run(["bench", "Tests/Fixtures/lexicons"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("'Tests/Fixtures/lexicons' holds no .txt files to measure"))
  }
}
