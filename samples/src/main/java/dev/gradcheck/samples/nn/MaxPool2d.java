package dev.gradcheck.samples.nn;

import java.util.Arrays;

/**
 * Max pooling over square windows of NCHW images, without padding: input {@code n x channels x
 * height x width}, output {@code n x channels x outHeight x outWidth} with {@code outHeight =
 * (height - window) / stride + 1}. Among equal maxima the first in row-major window order wins, and
 * only it receives the gradient.
 */
public final class MaxPool2d {

  /** Channels, pooled independently. */
  public final int channels;

  /** Input height. */
  public final int height;

  /** Input width. */
  public final int width;

  /** Side of the square window. */
  public final int window;

  /** Step between neighbouring windows, in both directions. */
  public final int stride;

  /** Output height. */
  public final int outHeight;

  /** Output width. */
  public final int outWidth;

  private int[] argmax = new int[0];
  private double[] y = new double[0];
  private int inputLength;

  /**
   * Creates the layer; it has no parameters.
   *
   * @param channels channels
   * @param height input height
   * @param width input width
   * @param window side of the square window
   * @param stride step between windows, at least 1
   */
  public MaxPool2d(int channels, int height, int width, int window, int stride) {
    if (stride < 1 || window < 1 || window > height || window > width) {
      throw new IllegalArgumentException(
          String.format("window %d, stride %d do not fit %d x %d", window, stride, height, width));
    }
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.window = window;
    this.stride = stride;
    this.outHeight = (height - window) / stride + 1;
    this.outWidth = (width - window) / stride + 1;
  }

  /**
   * Takes the maximum of every window.
   *
   * @param x input, {@code n x channels x height x width}
   * @return output, {@code n x channels x outHeight x outWidth}; reused by the next forward of the
   *     same batch size
   */
  public double[] forward(double[] x) {
    int planes = Shapes.rows(x, channels * height * width, "input") * channels;
    inputLength = x.length;
    int outPlane = outHeight * outWidth;
    if (y.length != planes * outPlane) {
      y = new double[planes * outPlane];
      argmax = new int[planes * outPlane];
    }
    for (int p = 0; p < planes; p++) {
      int xBase = p * height * width;
      for (int oy = 0; oy < outHeight; oy++) {
        for (int ox = 0; ox < outWidth; ox++) {
          int best = xBase + oy * stride * width + ox * stride;
          for (int ky = 0; ky < window; ky++) {
            int row = xBase + (oy * stride + ky) * width + ox * stride;
            for (int kx = 0; kx < window; kx++) {
              if (x[row + kx] > x[best]) {
                best = row + kx;
              }
            }
          }
          int o = p * outPlane + oy * outWidth + ox;
          argmax[o] = best;
          y[o] = x[best];
        }
      }
    }
    return y;
  }

  /**
   * Backpropagates through the last forward: each window's {@code dy} goes to the input entry that
   * was its maximum; overlapping windows add up.
   *
   * @param dy gradient of the output, {@code n x channels x outHeight x outWidth}
   * @param dx filled with the gradient of the input, {@code n x channels x height x width}
   * @return {@code dx}
   */
  public double[] backward(double[] dy, double[] dx) {
    Shapes.requireLength(dy, y.length, "dy");
    Shapes.requireLength(dx, inputLength, "dx");
    Arrays.fill(dx, 0);
    for (int o = 0; o < dy.length; o++) {
      dx[argmax[o]] += dy[o];
    }
    return dx;
  }
}
