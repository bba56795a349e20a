package org.equilibrium.sim.engine;

/** Counters of a run, written by the simulation thread. */
public final class SimStats {
    long messages;
    long bytes;
    long droppedOffline;
    long faultsInjected;
    long commandsReceived;
    long commandsRefused;
    long acksOk;
    int online;

    public long messages() {
        return messages;
    }

    public long bytes() {
        return bytes;
    }

    /** Messages produced while the device's link was down (lost, as a device without storage loses them). */
    public long droppedOffline() {
        return droppedOffline;
    }

    public long faultsInjected() {
        return faultsInjected;
    }

    public long commandsReceived() {
        return commandsReceived;
    }

    /** Commands (received or scheduled) the device accepted. */
    public long acksOk() {
        return acksOk;
    }

    /** Commands (received or scheduled) the device refused. */
    public long commandsRefused() {
        return commandsRefused;
    }

    public int online() {
        return online;
    }
}
