package dev.ccr.upstream;

import jdk.net.ExtendedSocketOptions;
import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;
import java.net.Socket;

/**
 * Asks the kernel to acknowledge an answer's segments at once (Linux's {@code TCP_QUICKACK}) when its headers have
 * arrived. A provider with Nagle's algorithm on holds each small event until the previous one is acknowledged, and on
 * a kept-alive connection Linux delays that acknowledgement by up to 40 ms: measured as 45 ms added to every streamed
 * answer from such a server (docs/benchmarks.md). The JDK client opened a new connection for each stream, where
 * acknowledgements start out prompt.
 */
final class PromptAcks implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        var connection = chain.connection();
        if (connection != null) {
            Socket socket = connection.socket();
            if (socket.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK)) {
                socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
            }
        }
        return response;
    }
}
