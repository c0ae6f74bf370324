// Shows the repository's state and a score: run after a restart to see nothing was lost.
//   jshell --class-path scoring-server/target/leadscore-server.jar \
//     docs/walkthrough/common.jsh docs/walkthrough/show-state.jsh
state();
score("now");
channel.shutdownNow();
/exit
