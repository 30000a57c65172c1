import ArgumentParser
import FramingKit

extension Framing {
  struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the JSON Schema of framing profiles.")

    func run() throws { print(ProfileSchema.json, terminator: "") }
  }
}
