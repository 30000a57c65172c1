/// Versions that every output names, so results can be reproduced.
public enum FramingVersion {
  /// The tool version (`framing --version`).
  public static let tool = "0.1.0"
}
