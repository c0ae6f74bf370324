// Publishes a changed copy of the default model, moves `stable` to it, shows the new scores.
//   jshell --class-path leadscore-cli/target/leadscore.jar \
//     docs/walkthrough/common.jsh docs/walkthrough/publish-and-promote.jsh
score("before");
state();

GetModelResponse current = models.getModel(GetModelRequest.newBuilder().
    setModel(ModelRef.newBuilder().setName("b2b-default")).build());
ScoringModel changed = current.getModel().toBuilder().
    setDescription("b2b-default with sales feedback: titled leads get 10 points").
    addRules(Rule.newBuilder().
        setId("titled_lead_bonus").
        setWhen("'job_title' in attributes").
        setAddPoints(10)).
    build();

ValidateModelResponse check = models.validateModel(
    ValidateModelRequest.newBuilder().setModel(changed).build());
System.out.println("valid: " + check.getValid());

PublishModelResponse published = models.publishModel(PublishModelRequest.newBuilder().
    setModel(changed).
    setExpectedLatestVersion(current.getVersion().getVersion()).
    build());
long version = published.getVersion().getVersion();
System.out.println("published version " + version + " " + published.getVersion().getChecksum());

SetLabelResponse labels = models.setLabel(SetLabelRequest.newBuilder().
    setName("b2b-default").setLabel("stable").setVersion(version).build());
System.out.println("labels " + labels.getLabelsMap());

score("after");
state();
channel.shutdownNow();
/exit
