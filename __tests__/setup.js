// cdktf's snake_case Terraform JSON matchers (toHaveResourceWithProperties, ...).
const { Testing } = require("cdktf");
Testing.setupJest();
