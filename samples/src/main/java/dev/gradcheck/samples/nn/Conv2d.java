package dev.gradcheck.samples.nn;

import java.util.Arrays;
import java.util.Random;

/**
 * A 2-D convolution (cross-correlation, as in every deep-learning library) with stride and zero
 * padding, on NCHW images: input {@code n x inChannels x height x width}, weights {@code
 * outChannels x inChannels x kernel x kernel}, bias {@code outChannels}, output {@code n x
 * outChannels x outHeight x outWidth} with {@code outHeight = (height + 2 padding - kernel) /
 * stride + 1}.
 */
public final class Conv2d {

  /** Input channels. */
  public final int inChannels;

  /** Output channels. */
  public final int outChannels;

  /** Side of the square kernel. */
  public final int kernel;

  /** Step between neighbouring kernel positions, in both directions. */
  public final int stride;

  /** Zeros added on every side of the input. */
  public final int padding;

  /** Input height. */
  public final int height;

  /** Input width. */
  public final int width;

  /** Output height. */
  public final int outHeight;

  /** Output width. */
  public final int outWidth;

  /** Weights, {@code outChannels x inChannels x kernel x kernel}. */
  public final double[] w;

  /** Gradient of the weights, the shape of {@link #w}; overwritten by {@link #backward}. */
  public final double[] dw;

  /** Bias, {@code outChannels}. */
  public final double[] b;

  /** Gradient of the bias, {@code outChannels}; overwritten by {@link #backward}. */
  public final double[] db;

  private double[] x;
  private double[] y = new double[0];
  private int n;

  /**
   * Creates a layer with LeCun-normal weights and zero bias.
   *
   * @param inChannels input channels
   * @param outChannels output channels
   * @param kernel side of the square kernel
   * @param stride step between kernel positions, at least 1
   * @param padding zeros on every side, at least 0
   * @param height input height
   * @param width input width
   * @param random the source of the initial weights
   */
  public Conv2d(
      int inChannels,
      int outChannels,
      int kernel,
      int stride,
      int padding,
      int height,
      int width,
      Random random) {
    if (stride < 1
        || padding < 0
        || height + 2 * padding < kernel
        || width + 2 * padding < kernel) {
      throw new IllegalArgumentException(
          String.format(
              "kernel %d, stride %d, padding %d do not fit %d x %d",
              kernel, stride, padding, height, width));
    }
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernel = kernel;
    this.stride = stride;
    this.padding = padding;
    this.height = height;
    this.width = width;
    this.outHeight = (height + 2 * padding - kernel) / stride + 1;
    this.outWidth = (width + 2 * padding - kernel) / stride + 1;
    int size = outChannels * inChannels * kernel * kernel;
    this.w = Init.lecun(new double[size], inChannels * kernel * kernel, random);
    this.dw = new double[size];
    this.b = new double[outChannels];
    this.db = new double[outChannels];
  }

  /**
   * Convolves the input with every kernel and adds the bias.
   *
   * @param x input, {@code n x inChannels x height x width}; kept for the backward
   * @return output, {@code n x outChannels x outHeight x outWidth}; reused by the next forward of
   *     the same batch size
   */
  public double[] forward(double[] x) {
    n = Shapes.rows(x, inChannels * height * width, "input");
    this.x = x;
    int outPlane = outHeight * outWidth;
    if (y.length != n * outChannels * outPlane) {
      y = new double[n * outChannels * outPlane];
    }
    for (int s = 0; s < n; s++) {
      for (int co = 0; co < outChannels; co++) {
        int yBase = (s * outChannels + co) * outPlane;
        for (int oy = 0; oy < outHeight; oy++) {
          for (int ox = 0; ox < outWidth; ox++) {
            double sum = b[co];
            for (int ci = 0; ci < inChannels; ci++) {
              int xBase = (s * inChannels + ci) * height * width;
              int wBase = (co * inChannels + ci) * kernel * kernel;
              for (int ky = 0; ky < kernel; ky++) {
                int iy = oy * stride - padding + ky;
                if (iy < 0 || iy >= height) {
                  continue;
                }
                for (int kx = 0; kx < kernel; kx++) {
                  int ix = ox * stride - padding + kx;
                  if (ix >= 0 && ix < width) {
                    sum += w[wBase + ky * kernel + kx] * x[xBase + iy * width + ix];
                  }
                }
              }
            }
            y[yBase + oy * outWidth + ox] = sum;
          }
        }
      }
    }
    return y;
  }

  /**
   * Backpropagates through the last forward: every output position sends {@code dy} times the
   * kernel back to the input window it read, and times that window to the kernel.
   *
   * @param dy gradient of the output, {@code n x outChannels x outHeight x outWidth}
   * @param dx filled with the gradient of the input, {@code n x inChannels x height x width}
   * @return {@code dx}
   */
  public double[] backward(double[] dy, double[] dx) {
    int outPlane = outHeight * outWidth;
    Shapes.requireLength(dy, n * outChannels * outPlane, "dy");
    Shapes.requireLength(dx, x.length, "dx");
    Arrays.fill(dx, 0);
    Arrays.fill(dw, 0);
    Arrays.fill(db, 0);
    for (int s = 0; s < n; s++) {
      for (int co = 0; co < outChannels; co++) {
        int yBase = (s * outChannels + co) * outPlane;
        for (int oy = 0; oy < outHeight; oy++) {
          for (int ox = 0; ox < outWidth; ox++) {
            double g = dy[yBase + oy * outWidth + ox];
            db[co] += g;
            for (int ci = 0; ci < inChannels; ci++) {
              int xBase = (s * inChannels + ci) * height * width;
              int wBase = (co * inChannels + ci) * kernel * kernel;
              for (int ky = 0; ky < kernel; ky++) {
                int iy = oy * stride - padding + ky;
                if (iy < 0 || iy >= height) {
                  continue;
                }
                for (int kx = 0; kx < kernel; kx++) {
                  int ix = ox * stride - padding + kx;
                  if (ix >= 0 && ix < width) {
                    int xi = xBase + iy * width + ix;
                    int wi = wBase + ky * kernel + kx;
                    dw[wi] += g * x[xi];
                    dx[xi] += g * w[wi];
                  }
                }
              }
            }
          }
        }
      }
    }
    return dx;
  }
}
