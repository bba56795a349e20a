package org.equilibrium.ingest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.equilibrium.decode.StatusReading;
import org.equilibrium.decode.StimReading;
import org.equilibrium.device.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process subscribers to decoded device data (sessions, live views, the device registry). Listeners may
 * be added at any time; a throwing listener is logged and skipped, never stopping ingest.
 */
public final class IngestListeners {
    private static final Logger LOG = LoggerFactory.getLogger(IngestListeners.class);

    private final List<BeatListener> beats = new CopyOnWriteArrayList<>();
    private final List<StimListener> stims = new CopyOnWriteArrayList<>();
    private final List<StatusListener> statuses = new CopyOnWriteArrayList<>();
    private final List<CommandAckListener> acks = new CopyOnWriteArrayList<>();
    private final List<GatewayListener> gateways = new CopyOnWriteArrayList<>();

    public void addBeatListener(BeatListener l) {
        beats.add(l);
    }

    public void addStimListener(StimListener l) {
        stims.add(l);
    }

    public void addStatusListener(StatusListener l) {
        statuses.add(l);
    }

    public void addCommandAckListener(CommandAckListener l) {
        acks.add(l);
    }

    public void addGatewayListener(GatewayListener l) {
        gateways.add(l);
    }

    public boolean hasBeatListeners() {
        return !beats.isEmpty();
    }

    void beat(DeviceId device, long beatEndMs, double rrMs) {
        for (BeatListener l : beats) {
            try {
                l.onBeat(device, beatEndMs, rrMs);
            } catch (RuntimeException e) {
                LOG.error("Beat listener {} failed for device {}", l, device, e);
            }
        }
    }

    void gap(DeviceId device, long fromMs, long toMs, String cause) {
        for (BeatListener l : beats) {
            try {
                l.onGap(device, fromMs, toMs, cause);
            } catch (RuntimeException e) {
                LOG.error("Beat listener {} failed on a gap for device {}", l, device, e);
            }
        }
    }

    void stim(DeviceId device, StimReading r) {
        for (StimListener l : stims) {
            try {
                l.onStim(device, r);
            } catch (RuntimeException e) {
                LOG.error("Stim listener {} failed for device {}", l, device, e);
            }
        }
    }

    void commandAck(DeviceId device, byte[] payload, long arrivalMs) {
        for (CommandAckListener l : acks) {
            try {
                l.onCommandAck(device, payload, arrivalMs);
            } catch (RuntimeException e) {
                LOG.error("Command ack listener {} failed for device {}", l, device, e);
            }
        }
    }

    void status(DeviceId device, StatusReading r) {
        for (StatusListener l : statuses) {
            try {
                l.onStatus(device, r);
            } catch (RuntimeException e) {
                LOG.error("Status listener {} failed for device {}", l, device, e);
            }
        }
    }

    void battery(DeviceId device, long timestampMs, int pct) {
        for (StatusListener l : statuses) {
            try {
                l.onBattery(device, timestampMs, pct);
            } catch (RuntimeException e) {
                LOG.error("Status listener {} failed on battery for device {}", l, device, e);
            }
        }
    }

    void gateway(String gatewayId, String stream, byte[] payload, long arrivalMs) {
        for (GatewayListener l : gateways) {
            try {
                l.onGatewayMessage(gatewayId, stream, payload, arrivalMs);
            } catch (RuntimeException e) {
                LOG.error("Gateway listener {} failed for gateway {}", l, gatewayId, e);
            }
        }
    }
}
