package dev.gradcheck.samples.zoo;

import java.util.Arrays;
import java.util.Random;

/** A convolution whose weight-gradient loop stops one kernel row short. */
public final class Conv2dWeightGradientLastKernelRowSkipped extends ZooConv2d {

  /**
   * Creates the layer; see {@link ZooConv2d}.
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
  public Conv2dWeightGradientLastKernelRowSkipped(
      int inChannels,
      int outChannels,
      int kernel,
      int stride,
      int padding,
      int height,
      int width,
      Random random) {
    super(inChannels, outChannels, kernel, stride, padding, height, width, random);
  }

  @Override
  public double[] backward(double[] dy, double[] dx) {
    int outPlane = outHeight * outWidth;
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
                for (int kx = 0; kx < kernel; kx++) {
                  int ix = ox * stride - padding + kx;
                  if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                    dx[xBase + iy * width + ix] += g * w[wBase + ky * kernel + kx];
                  }
                }
              }
            }
          }
        }
      }
    }
    // the weight gradient, kernel tap by kernel tap
    for (int co = 0; co < outChannels; co++) {
      for (int ci = 0; ci < inChannels; ci++) {
        for (int ky = 0; ky < kernel - 1; ky++) { // the bug: one kernel row short
          for (int kx = 0; kx < kernel; kx++) {
            double sum = 0;
            for (int s = 0; s < n; s++) {
              int yBase = (s * outChannels + co) * outPlane;
              int xBase = (s * inChannels + ci) * height * width;
              for (int oy = 0; oy < outHeight; oy++) {
                int iy = oy * stride - padding + ky;
                for (int ox = 0; ox < outWidth; ox++) {
                  int ix = ox * stride - padding + kx;
                  if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                    sum += dy[yBase + oy * outWidth + ox] * x[xBase + iy * width + ix];
                  }
                }
              }
            }
            dw[((co * inChannels + ci) * kernel + ky) * kernel + kx] = sum;
          }
        }
      }
    }
    return dx;
  }
}
