package dev.gradcheck.samples.zoo;

import java.util.Random;

/**
 * {@link dev.gradcheck.samples.nn.Conv2d} with its forward copied verbatim and its backward left to
 * each buggy variant: a 2-D cross-correlation with stride and zero padding on NCHW images, weights
 * {@code outChannels x inChannels x kernel x kernel}, bias {@code outChannels}.
 */
public abstract class ZooConv2d {

  /** Input channels. */
  public final int inChannels;

  /** Output channels. */
  public final int outChannels;

  /** Side of the square kernel. */
  public final int kernel;

  /** Step between neighbouring kernel positions. */
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

  /** Gradient of the weights. */
  public final double[] dw;

  /** Bias, {@code outChannels}. */
  public final double[] b;

  /** Gradient of the bias. */
  public final double[] db;

  /** The input of the last forward. */
  protected double[] x;

  /** The batch size of the last forward. */
  protected int n;

  private double[] y = new double[0];

  /**
   * Creates a layer with LeCun-normal weights and zero bias, as {@code Conv2d} does.
   *
   * @param inChannels input channels
   * @param outChannels output channels
   * @param kernel side of the square kernel
   * @param stride step between kernel positions
   * @param padding zeros on every side
   * @param height input height
   * @param width input width
   * @param random the source of the initial weights
   */
  protected ZooConv2d(
      int inChannels,
      int outChannels,
      int kernel,
      int stride,
      int padding,
      int height,
      int width,
      Random random) {
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
    this.w = new double[size];
    double scale = 1 / Math.sqrt(inChannels * kernel * kernel);
    for (int i = 0; i < size; i++) {
      w[i] = scale * random.nextGaussian();
    }
    this.dw = new double[size];
    this.b = new double[outChannels];
    this.db = new double[outChannels];
  }

  /**
   * Convolves the input with every kernel and adds the bias.
   *
   * @param x input, {@code n x inChannels x height x width}; kept for the backward
   * @return output, {@code n x outChannels x outHeight x outWidth}
   */
  public final double[] forward(double[] x) {
    n = x.length / (inChannels * height * width);
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
   * Backpropagates through the last forward into {@link #dw}, {@link #db} and {@code dx}, with the
   * variant's bug.
   *
   * @param dy gradient of the output, {@code n x outChannels x outHeight x outWidth}
   * @param dx filled with the gradient of the input, {@code n x inChannels x height x width}
   * @return {@code dx}
   */
  public abstract double[] backward(double[] dy, double[] dx);
}
