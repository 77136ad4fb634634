package dev.hybridpane.app.build;

import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;

/**
 * A build step (exec-maven-plugin, process-classes): writes each window icon {@code icon-N.png} beside it as
 * {@code icon-N.bgra}, its pixels in the form JavaFX keeps images in (premultiplied BGRA bytes, deflated, after the
 * width and height). The console makes its window icons from those with one copy each; decoding the PNGs with
 * JavaFX's decoder, still cold while the console starts, costs CPU at the time the window and the lab compete for it
 * (packaging/README.md). The PNGs stay the source (and what the console decodes when a raster is missing).
 */
public final class IconRasters {
    private IconRasters() {
    }

    /** {@code IconRasters DIR}: writes a raster for every {@code icon-*.png} in DIR. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: IconRasters DIR");
        }
        System.setProperty("java.awt.headless", "true");
        int written = 0;
        try (DirectoryStream<Path> pngs = Files.newDirectoryStream(Path.of(args[0]), "icon-*.png")) {
            for (Path png : pngs) {
                String name = png.getFileName().toString();
                write(png, png.resolveSibling(name.substring(0, name.length() - ".png".length()) + ".bgra"));
                written++;
            }
        }
        System.out.println("IconRasters: " + written + " window icons in " + args[0]);
    }

    /** Writes the PNG's pixels as a raster: width and height (ints), then premultiplied BGRA bytes, all deflated. */
    static void write(Path png, Path raster) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        if (image == null) {
            throw new IOException(png + " is not an image ImageIO reads");
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] bgraPre = new byte[w * h * 4];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            int a = p >>> 24;
            bgraPre[i * 4] = (byte) premultiply(p & 0xff, a);
            bgraPre[i * 4 + 1] = (byte) premultiply((p >> 8) & 0xff, a);
            bgraPre[i * 4 + 2] = (byte) premultiply((p >> 16) & 0xff, a);
            bgraPre[i * 4 + 3] = (byte) a;
        }
        Path tmp = raster.resolveSibling(raster.getFileName() + ".tmp");
        try (OutputStream file = Files.newOutputStream(tmp);
                DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(file))) {
            out.writeInt(w);
            out.writeInt(h);
            out.write(bgraPre);
        }
        Files.move(tmp, raster, StandardCopyOption.REPLACE_EXISTING);
    }

    /** A colour channel premultiplied by alpha, rounded as JavaFX rounds it. */
    static int premultiply(int channel, int alpha) {
        return alpha == 0xff ? channel : (channel * alpha + 127) / 0xff;
    }
}
