package org.imagetagger.imaging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An ImageIO stream over a file that is already open (a {@link ConfinedFile}'s channel), so that the decoder
 * reads exactly that file and never opens the path again. Closing it leaves the channel open.
 */
final class ChannelImageInputStream extends ImageInputStreamImpl {

    private final SeekableByteChannel channel;
    private final ByteBuffer one = ByteBuffer.allocate(1);

    private ChannelImageInputStream(SeekableByteChannel channel) {
        this.channel = channel;
    }

    static ChannelImageInputStream of(SeekableByteChannel channel) throws UntaggableImageException {
        try {
            channel.position(0);
            return new ChannelImageInputStream(channel);
        } catch (IOException e) {
            throw new UntaggableImageException("cannot read the file: " + e.getMessage(), e);
        }
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        one.clear();
        channel.position(streamPos);
        int n = channel.read(one);
        if (n <= 0) {
            return -1;
        }
        streamPos++;
        return one.get(0) & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkClosed();
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new IndexOutOfBoundsException();
        }
        if (len == 0) {
            return 0;
        }
        bitOffset = 0;
        channel.position(streamPos);
        int n = channel.read(ByteBuffer.wrap(b, off, len));
        if (n <= 0) {
            return -1;
        }
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        try {
            return channel.size();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        // the owner of the channel closes it
        super.close();
    }
}
