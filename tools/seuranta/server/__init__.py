"""The resident server: a process that has imported the package and runs each command line in a forked
child, so that a run does not pay for starting Python and importing the tool (`place.py`: where it listens
and for which code; `protocol.py`: the messages; `client.py`: the cheap entry point; `ending.py`: how a run's process ends, served or not; `daemon.py`: the
server; `watch.py`: its inotify watch on the data folders it serves, with `inotify_simple`). The entry
point's modules import the standard library only, so it stays cheap."""
