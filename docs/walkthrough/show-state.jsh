// Shows the repository's state and a score: run after a restart to see nothing was lost.
//   jshell --class-path leadscore-cli/target/leadscore.jar \
//     docs/walkthrough/common.jsh docs/walkthrough/show-state.jsh
state();
score("now");
channel.shutdownNow();
/exit
