package org.cqlhooks.prefetch;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A FHIR server's answer as bytes, but no more than a limit: past it the download is cancelled and the body fails
 * with {@link TooLarge}, so one answer cannot fill the heap.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The answer was larger than the limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
    private final long limit;
    private long received;
    private boolean refused;
    private Flow.Subscription subscription;

    private LimitedBody(long limit) {
        this.limit = limit;
    }

    static HttpResponse.BodyHandler<byte[]> handler(long limit) {
        return info -> new LimitedBody(limit);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return bytes.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        bytes.onSubscribe(subscription);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        if (refused) {
            return;
        }
        for (ByteBuffer buffer : item) {
            received += buffer.remaining();
        }
        if (received > limit) {
            refused = true;
            subscription.cancel();
            bytes.onError(new TooLarge());
            return;
        }
        bytes.onNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
        if (!refused) {
            bytes.onError(throwable);
        }
    }

    @Override
    public void onComplete() {
        if (!refused) {
            bytes.onComplete();
        }
    }
}
