return 0; // replaced by the couplesim commands (issue 4)
