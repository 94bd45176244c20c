package dev.gradcheck.samples.zoo;

import java.util.Arrays;
import java.util.Random;

/** A convolution whose input-gradient loop stops one input channel short. */
public final class Conv2dInputGradientLastChannelSkipped extends ZooConv2d {

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
  public Conv2dInputGradientLastChannelSkipped(
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
                    dw[wBase + ky * kernel + kx] += g * x[xBase + iy * width + ix];
                  }
                }
              }
            }
            for (int ci = 0; ci < inChannels - 1; ci++) { // the bug: one input channel short
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
    return dx;
  }
}
