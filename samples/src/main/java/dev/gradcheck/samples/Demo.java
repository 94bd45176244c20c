package dev.gradcheck.samples;

/** Placeholder demo; to be replaced. */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    System.out.println("hello");
  }
}
