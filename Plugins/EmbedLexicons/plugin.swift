import Foundation
import PackagePlugin

/// Compiles the default lexicons (and the profile JSON Schema) into FramingKit, so the `framing` binary carries them and works from
/// any directory. The YAML stays the single source; the generated Swift lives only in the build folder.
@main
struct EmbedLexicons: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let lexicons = context.package.directoryURL.appendingPathComponent("lexicons")
    var inputs: [URL] = []
    if let enumerator = FileManager.default.enumerator(at: lexicons, includingPropertiesForKeys: nil) {
      for case let url as URL in enumerator where url.pathExtension == "yaml" { inputs.append(url) }
    }
    inputs.sort { $0.path < $1.path }
    let schema = context.package.directoryURL.appendingPathComponent("schema/profile.schema.json")
    inputs.append(schema)
    let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedLexicons.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) lexicon files",
        executable: try context.tool(named: "lexicon-embedder").url,
        arguments: [lexicons.path, schema.path, output.path],
        inputFiles: inputs,
        outputFiles: [output])
    ]
  }
}
